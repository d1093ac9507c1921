package dev.agentmarketplace.x402.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.payment.OnChainPayment;
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
            "0xb9719f5130778682b880ab3535f6c450cd2bc0dccf866c07eba641fa2921dfc371db2bb06b85de1bba420467332407cbe363be4201feff285ec5fe0b0eba46971b";

    static final String MANUAL_SIGNATURE =
            "0x28887eb6d7c22c40381036dbe4f1ab7a38a9b8f09a1a73bc81fbcc61d8a97180143c6f9f591ffc5f24c7ec0050a481a72f9dc8f128006eaebc3f56e63b7bd2d11b";

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
            @ForAll("receipts") SettlementReceipt receipt, @ForAll @IntRange(min = 0, max = 14) int field) {
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
        Currency currency = r.amount().currency();
        BigInteger units = r.amount().toMinorUnits();
        // Changing a payment member of a receipt without payment gives it one, on a non-empty network.
        OnChainPayment p = r.payment().orElse(new OnChainPayment(ZERO, ZERO, ZERO, "eip155:1", "0x" + "0".repeat(64)));
        var b = new Copy(r);
        switch (field) {
            case 0 ->
                b.transactionId = TransactionId.of(flipLast(r.transactionId().value()));
            case 1 -> b.payer = AgentId.of(flipLast(r.payer().value()));
            case 2 -> b.provider = AgentId.of(flipLast(r.provider().value()));
            case 3 -> b.capability = Capability.of(r.capability().name() + " x");
            case 4 -> b.amount = Money.ofMinorUnits(units.add(BigInteger.ONE), currency);
            case 5 ->
                b.amount = Money.ofMinorUnits(
                        units, new Currency(currency.code().equals("XYZ") ? "XYW" : "XYZ", currency.scale()));
            case 6 ->
                b.amount = Money.ofMinorUnits(
                        units, new Currency(currency.code(), currency.scale() == 18 ? 17 : currency.scale() + 1));
            case 7 ->
                b.payment =
                        Optional.of(new OnChainPayment(flip(p.payer()), p.payTo(), p.asset(), p.network(), p.nonce()));
            case 8 ->
                b.payment =
                        Optional.of(new OnChainPayment(p.payer(), flip(p.payTo()), p.asset(), p.network(), p.nonce()));
            case 9 ->
                b.payment =
                        Optional.of(new OnChainPayment(p.payer(), p.payTo(), flip(p.asset()), p.network(), p.nonce()));
            case 10 ->
                b.payment =
                        Optional.of(new OnChainPayment(p.payer(), p.payTo(), p.asset(), p.network() + "x", p.nonce()));
            case 11 ->
                b.payment = Optional.of(
                        new OnChainPayment(p.payer(), p.payTo(), p.asset(), p.network(), flipLast(p.nonce())));
            case 12 ->
                b.settlementReference = Optional.of(r.settlementReference().orElse("") + "x");
            case 13 -> b.settledAt = r.settledAt().plusSeconds(1);
            case 14 -> b.journalHash = flipLast(r.journalHash());
            default -> throw new IllegalArgumentException("the type has 15 members, not " + (field + 1));
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
        Money amount;
        Optional<OnChainPayment> payment;
        Optional<String> settlementReference;
        Instant settledAt;
        String journalHash;

        Copy(SettlementReceipt r) {
            transactionId = r.transactionId();
            payer = r.payer();
            provider = r.provider();
            capability = r.capability();
            amount = r.amount();
            payment = r.payment();
            settlementReference = r.settlementReference();
            settledAt = r.settledAt();
            journalHash = r.journalHash();
        }

        SettlementReceipt build() {
            return new SettlementReceipt(
                    transactionId,
                    payer,
                    provider,
                    capability,
                    amount,
                    payment,
                    settlementReference,
                    settledAt,
                    journalHash);
        }
    }
}
