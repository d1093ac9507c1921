package dev.agentmarketplace.x402.receipt;

import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.payment.OnChainPayment;
import dev.agentmarketplace.core.payment.SettlementMethod;
import dev.agentmarketplace.core.payment.SettlementReceipt;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.WalletAddress;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random receipts over the whole range of every member, for the properties of signing and encoding. */
final class ReceiptArbitraries {
    private ReceiptArbitraries() {}

    static Arbitrary<SettlementReceipt> receipts() {
        Arbitrary<TransactionId> ids =
                Arbitraries.longs().tuple2().map(t -> TransactionId.of(new UUID(t.get1(), t.get2())));
        Arbitrary<AgentId> agents = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('A', 'Z')
                .withCharRange('0', '9')
                .withChars('_', '-')
                .ofMinLength(1)
                .ofMaxLength(AgentId.MAX_LENGTH)
                .map(AgentId::of);
        Arbitrary<Capability> capabilities =
                // A capability is shown text, which refuses control characters (ShownText).
                text(1, 45)
                        .filter(s -> !s.isBlank() && s.chars().noneMatch(Character::isISOControl))
                        .map(Capability::of);
        Arbitrary<Money> amounts = Combinators.combine(
                        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(200)),
                        Arbitraries.of("USDC", "EURC", "EUR", "JPY", "ABC123"),
                        Arbitraries.integers().between(0, 18))
                .as((units, code, scale) -> Money.ofMinorUnits(units, new Currency(code, scale)));
        Arbitrary<OnChainPayment> payments = Combinators.combine(
                        addresses(),
                        addresses(),
                        addresses(),
                        Arbitraries.oneOf(
                                Arbitraries.of(
                                        "eip155:8453", "eip155:84532", "solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp"),
                                Arbitraries.longs().between(1, Long.MAX_VALUE).map(id -> "eip155:" + id)),
                        hex32())
                .as((payer, payTo, asset, network, nonce) ->
                        new OnChainPayment(payer, payTo, asset, network, "0x" + nonce));
        Arbitrary<SettlementMethod> methods = Arbitraries.oneOf(
                Combinators.combine(payments, text(1, 80).filter(s -> !s.isBlank()))
                        .as(SettlementMethod.X402::new),
                text(1, 80).filter(s -> !s.isBlank()).optional(0.7).map(SettlementMethod.OffChain::new));
        Arbitrary<Integer> refundPercents = Arbitraries.oneOf(
                Arbitraries.just(0),
                Arbitraries.just(100),
                Arbitraries.integers().between(0, 100));
        Arbitrary<Instant> times =
                Arbitraries.longs().between(0, 4_102_444_800L).map(Instant::ofEpochSecond);
        return Combinators.combine(ids, agents, agents, capabilities, amounts, refundPercents, methods, times)
                .flatAs((id, payer, provider, capability, paid, percent, method, settledAt) -> hex32().map(
                                journalHash -> new SettlementReceipt(
                                        id,
                                        payer,
                                        provider,
                                        capability,
                                        paid,
                                        Money.ofMinorUnits(
                                                paid.toMinorUnits()
                                                        .multiply(BigInteger.valueOf(percent))
                                                        .divide(BigInteger.valueOf(100)),
                                                paid.currency()),
                                        method,
                                        settledAt,
                                        journalHash)));
    }

    /**
     * ASCII with its control characters, quotes and backslashes, accents, and a character beyond the
     * BMP (each {@code ~} becomes one, so a string may be up to twice {@code max} chars long).
     */
    static Arbitrary<String> text(int min, int max) {
        return Arbitraries.strings()
                .ascii()
                .withChars('é', '€', '"', '\\')
                .ofMinLength(min)
                .ofMaxLength(max)
                .map(s -> s.replace("~", "\uD83D\uDE00"));
    }

    static Arbitrary<WalletAddress> addresses() {
        return Arbitraries.bytes()
                .array(byte[].class)
                .ofSize(20)
                .map(b -> WalletAddress.of("0x" + HexFormat.of().formatHex(b)));
    }

    static Arbitrary<String> hex32() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(HexFormat.of()::formatHex);
    }
}
