package dev.agentmarketplace.x402.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.payment.OnChainPayment;
import dev.agentmarketplace.core.payment.SettlementMethod;
import dev.agentmarketplace.core.payment.SettlementReceipt;
import dev.agentmarketplace.core.payment.SignedReceipt;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.evm.PrivateKeySigner;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Eip712ReceiptSignerTest {
    private static final Eip712ReceiptSigner SIGNER = SampleReceipts.signer();
    private static final ReceiptVerifier VERIFIER = new ReceiptVerifier(SampleReceipts.KEY_ADDRESS);
    /** The known key's signature over {@link SampleReceipts#X402}; viem's signTypedData gives the same bytes. */
    static final String X402_SIGNATURE =
            "0xf61af6e0835b679d0d7efb7fc7a8aa5f73515bf4a0ec5e6c5cab59abd1d1c17f4473783b16f1f4761ba48709d31a31bc2a31e0b2c0434fbe321b63dead0435081b";

    static final String MANUAL_SIGNATURE =
            "0x07cd0cf43cd44d319fef459b502a94787f266949f4565a57471b1b6a546ec81e03d7e36f0ac1ca7b67130b8e097b74b73bbef423a5100343717681906b04d96b1b";

    @Test
    void signerAddressIsTheKeysAddress() {
        assertThat(SIGNER.address()).isEqualTo(SampleReceipts.KEY_ADDRESS);
        assertThat(SIGNER.toString()).isEqualTo("Eip712ReceiptSigner[0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73]");
    }

    @Test
    void deterministicSigningReproducesThePinnedSignatures() {
        assertThat(SIGNER.sign(SampleReceipts.X402))
                .isEqualTo(new SignedReceipt(SampleReceipts.X402, X402_SIGNATURE, SampleReceipts.KEY_ADDRESS));
        assertThat(SIGNER.sign(SampleReceipts.MANUAL).signature()).isEqualTo(MANUAL_SIGNATURE);
    }

    @Test
    void aSignedReceiptRecoversToThePlatformAndVerifies() {
        SignedReceipt signed = SIGNER.sign(SampleReceipts.X402);

        assertThat(ReceiptVerifier.recoverSigner(signed.receipt(), signed.signature()))
                .isEqualTo(SampleReceipts.KEY_ADDRESS);
        VERIFIER.verify(signed);
    }

    @Test
    void aReceiptSignedByAnotherKeyIsRefusedNamingBothAddresses() {
        SignedReceipt foreign =
                new Eip712ReceiptSigner(PrivateKeySigner.fromHex(SampleReceipts.OTHER_KEY)).sign(SampleReceipts.X402);

        assertThatThrownBy(() -> VERIFIER.verify(foreign))
                .isInstanceOf(ReceiptSignatureException.class)
                .hasMessage("the receipt signature recovers to 0x2c7536E3605D9C16a7a3D7b1898e529396a65c23, not to the"
                        + " expected signer 0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73 (another key signed it, or a"
                        + " signed field was altered)");
    }

    @Test
    void aReceiptNamingAnotherSignerThanTheOneThatSignedIsRefused() {
        var misnamed = new SignedReceipt(
                SampleReceipts.X402, X402_SIGNATURE, WalletAddress.of("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23"));

        assertThatThrownBy(() -> VERIFIER.verify(misnamed))
                .isInstanceOf(ReceiptSignatureException.class)
                .hasMessage("the receipt names 0x2c7536E3605D9C16a7a3D7b1898e529396a65c23 as its signer, but it was"
                        + " signed by the expected signer 0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73");
    }

    @Test
    void theHighSTwinOfAValidSignatureIsRefusedAsMalleable() {
        BigInteger n = new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
        BigInteger s = new BigInteger(X402_SIGNATURE.substring(66, 130), 16);
        String twin = X402_SIGNATURE.substring(0, 66) + String.format("%064x", n.subtract(s)) + "1c";

        assertThatThrownBy(() -> ReceiptVerifier.recoverSigner(SampleReceipts.X402, twin))
                .isInstanceOf(ReceiptSignatureException.class)
                .hasMessageStartingWith("signature: s = 0x")
                .hasMessageEndingWith("is in the upper half of the curve order (malleable, EIP-2)");
    }

    @Property(tries = 100)
    void everyReceiptSignsAndVerifiesToThePlatform(@ForAll("receipts") SettlementReceipt receipt) {
        SignedReceipt signed = SIGNER.sign(receipt);

        assertThat(signed.signature()).matches("0x[0-9a-f]{128}(1b|1c)");
        assertThat(ReceiptVerifier.recoverSigner(receipt, signed.signature())).isEqualTo(SampleReceipts.KEY_ADDRESS);
    }

    @Property(tries = 200)
    void changingAnySignedFieldMakesVerificationFail(
            @ForAll("receipts") SettlementReceipt receipt, @ForAll @IntRange(min = 0, max = 18) int field) {
        SignedReceipt signed = SIGNER.sign(receipt);
        SettlementReceipt tampered = tamper(receipt, field);

        assertThat(tampered).isNotEqualTo(receipt);
        assertThatThrownBy(() -> VERIFIER.verify(new SignedReceipt(tampered, signed.signature(), signed.signer())))
                .isInstanceOf(ReceiptSignatureException.class)
                .hasMessageStartingWith("the receipt signature recovers to 0x")
                .hasMessageContaining("not to the expected signer 0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73");
    }

    @Provide
    Arbitrary<SettlementReceipt> receipts() {
        return ReceiptArbitraries.receipts();
    }

    /** {@code r} with member {@code field} of the SettlementReceipt type (numbered in type order) changed. */
    static SettlementReceipt tamper(SettlementReceipt r, int field) {
        Currency currency = r.paid().currency();
        BigInteger paid = r.paid().toMinorUnits();
        BigInteger refunded = r.refunded().toMinorUnits();
        // Changing a payment member of an off-chain receipt makes it an x402 one, on a non-empty network.
        OnChainPayment p = r.payment().orElse(new OnChainPayment(ZERO, ZERO, ZERO, "eip155:1", "0x" + "0".repeat(64)));
        String chainTx = r.method() instanceof SettlementMethod.X402 x402 ? x402.chainTransaction() : "0x01";
        var b = new Copy(r);
        switch (field) {
            case 0 ->
                b.transactionId = TransactionId.of(flipLast(r.transactionId().value()));
            case 1 -> b.payer = AgentId.of(flipLast(r.payer().value()));
            case 2 -> b.provider = AgentId.of(flipLast(r.provider().value()));
            case 3 -> b.capability = Capability.of(r.capability().name() + " x");
            case 4 -> b.paid = Money.ofMinorUnits(paid.add(BigInteger.ONE), currency);
            case 5, 6 -> {
                // refunded and net move together: more refunded is less net.
                if (refunded.equals(paid)) {
                    b.paid = Money.ofMinorUnits(paid.add(BigInteger.ONE), currency);
                    b.refunded = Money.ofMinorUnits(refunded.add(BigInteger.ONE), currency);
                } else {
                    b.refunded = Money.ofMinorUnits(refunded.add(BigInteger.ONE), currency);
                }
            }
            case 7 -> {
                Currency other = new Currency(currency.code().equals("XYZ") ? "XYW" : "XYZ", currency.scale());
                b.paid = Money.ofMinorUnits(paid, other);
                b.refunded = Money.ofMinorUnits(refunded, other);
            }
            case 8 -> {
                Currency other = new Currency(currency.code(), currency.scale() == 18 ? 17 : currency.scale() + 1);
                b.paid = Money.ofMinorUnits(paid, other);
                b.refunded = Money.ofMinorUnits(refunded, other);
            }
            case 9 ->
                b.method = r.method() instanceof SettlementMethod.X402
                        ? new SettlementMethod.OffChain(Optional.empty())
                        : new SettlementMethod.X402(p, chainTx);
            case 10 ->
                b.method = new SettlementMethod.X402(
                        new OnChainPayment(flip(p.payer()), p.payTo(), p.asset(), p.network(), p.nonce()), chainTx);
            case 11 ->
                b.method = new SettlementMethod.X402(
                        new OnChainPayment(p.payer(), flip(p.payTo()), p.asset(), p.network(), p.nonce()), chainTx);
            case 12 ->
                b.method = new SettlementMethod.X402(
                        new OnChainPayment(p.payer(), p.payTo(), flip(p.asset()), p.network(), p.nonce()), chainTx);
            case 13 ->
                b.method = new SettlementMethod.X402(
                        new OnChainPayment(p.payer(), p.payTo(), p.asset(), flipLast(p.network()), p.nonce()), chainTx);
            case 14 ->
                b.method = new SettlementMethod.X402(
                        new OnChainPayment(p.payer(), p.payTo(), p.asset(), p.network(), flipLast(p.nonce())), chainTx);
            case 15 -> b.method = new SettlementMethod.X402(p, chainTx + "x");
            case 16 -> {
                String reference =
                        r.method() instanceof SettlementMethod.OffChain(Optional<String> given) ? given.orElse("") : "";
                b.method = new SettlementMethod.OffChain(Optional.of(reference + "x"));
            }
            case 17 -> b.settledAt = r.settledAt().plusSeconds(1);
            case 18 -> b.journalHash = flipLast(r.journalHash());
            default -> throw new IllegalArgumentException("the type has 19 members, not " + (field + 1));
        }
        return b.build();
    }

    private static final WalletAddress ZERO = WalletAddress.of("0x" + "0".repeat(40));

    /** The text with its last character changed, between two characters valid in every member used. */
    private static String flipLast(String text) {
        char last = text.charAt(text.length() - 1);
        return text.substring(0, text.length() - 1) + (last == 'a' ? 'b' : 'a');
    }

    private static WalletAddress flip(WalletAddress address) {
        return WalletAddress.of(flipLast(address.value().toLowerCase(Locale.ROOT)));
    }

    /** A receipt's members, to rebuild it with one of them changed. */
    private static final class Copy {
        TransactionId transactionId;
        AgentId payer;
        AgentId provider;
        Capability capability;
        Money paid;
        Money refunded;
        SettlementMethod method;
        Instant settledAt;
        String journalHash;

        Copy(SettlementReceipt r) {
            transactionId = r.transactionId();
            payer = r.payer();
            provider = r.provider();
            capability = r.capability();
            paid = r.paid();
            refunded = r.refunded();
            method = r.method();
            settledAt = r.settledAt();
            journalHash = r.journalHash();
        }

        SettlementReceipt build() {
            return new SettlementReceipt(
                    transactionId, payer, provider, capability, paid, refunded, method, settledAt, journalHash);
        }
    }
}
