package dev.agentmarketplace.x402.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.payment.SettlementMethod;
import dev.agentmarketplace.core.payment.SettlementReceipt;
import dev.agentmarketplace.core.payment.SignedReceipt;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReceiptJsonLineTest {
    private static final SignedReceipt SIGNED_X402 = SampleReceipts.signer().sign(SampleReceipts.X402);
    private static final SignedReceipt SIGNED_MANUAL = SampleReceipts.signer().sign(SampleReceipts.MANUAL);

    static final String X402_LINE = "{\"transactionId\":\"0b9f7c1e-3a5d-4e2b-9c8a-1f2e3d4c5b6a\","
            + "\"payer\":\"orchestrator-7\",\"provider\":\"python-expert\",\"capability\":\"python code review\","
            + "\"paid\":\"1500000\",\"refunded\":\"0\",\"net\":\"1500000\",\"currency\":\"USDC\",\"decimals\":6,"
            + "\"method\":\"x402\",\"payerWallet\":\"0x857b06519E91e3A54538791bDbb0E22373e36b66\","
            + "\"payTo\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\","
            + "\"asset\":\"0x036CbD53842c5426634e7929541eC2318f3dCF7e\",\"network\":\"eip155:84532\","
            + "\"paymentNonce\":\"0xf3746613c2d920b5fdabc0856f2aeb2d4f88ee6037b8cc5d04a71a4462f13480\","
            + "\"chainTransaction\":\"0x6d8b2a1e4f0c3b5a79e8d6c4b2a0f1e3d5c7b9a8e6f4d2c0b1a3e5f7d9c8b6a4\","
            + "\"offChainReference\":\"\","
            + "\"settledAt\":\"1748520247\","
            + "\"journalHash\":\"0x3c5e7a9b1d2f4e6a8c0b2d4f6e8a0c1b3d5f7e9a2c4b6d8f0e1a3c5b7d9f2e4a\","
            + "\"signature\":\"" + Eip712ReceiptSignerTest.X402_SIGNATURE + "\","
            + "\"signer\":\"0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73\"}";

    @Test
    void aLineIsTheTypedMessageFollowedBySignatureAndSigner() {
        assertThat(ReceiptJsonLine.encode(SIGNED_X402)).isEqualTo(X402_LINE);
    }

    @Test
    void aLineReadsBackAsTheSignedReceiptItWasWrittenFrom() {
        assertThat(ReceiptJsonLine.decode(X402_LINE)).isEqualTo(SIGNED_X402);
        assertThat(ReceiptJsonLine.decode(ReceiptJsonLine.encode(SIGNED_MANUAL)))
                .isEqualTo(SIGNED_MANUAL);
    }

    @Test
    void anOffChainSettlementReadsBackWithItsReferenceAndNoPaymentOrChainTransaction() {
        String line = ReceiptJsonLine.encode(SIGNED_MANUAL);
        SettlementReceipt manual = ReceiptJsonLine.decode(line).receipt();

        assertThat(line)
                .contains("\"method\":\"off-chain\"")
                .contains("\"chainTransaction\":\"\"")
                .contains("\"offChainReference\":\"wire 2025-06-01 #4711\"");
        assertThat(manual.payment()).isEmpty();
        assertThat(manual.method()).isEqualTo(new SettlementMethod.OffChain(Optional.of("wire 2025-06-01 #4711")));
    }

    @Test
    void aPartlyRefundedSettlementReadsBackWithWhatWasPaidRefundedAndKept() {
        String line = ReceiptJsonLine.encode(SampleReceipts.signer().sign(SampleReceipts.EURC));

        assertThat(line).contains("\"paid\":\"250000\",\"refunded\":\"100000\",\"net\":\"150000\"");
        assertThat(ReceiptJsonLine.decode(line).receipt().refunded()).isEqualTo(Money.of("0.10", "EURC"));
    }

    @Test
    void amountsThatDoNotAddUpAreRefused() {
        refused(X402_LINE.replace("\"net\":\"1500000\"", "\"net\":\"1400000\""))
                .hasMessage("net: 1400000 is not paid - refunded (1500000)");
        refused(X402_LINE
                        .replace("\"refunded\":\"0\"", "\"refunded\":\"1500001\"")
                        .replace("\"net\":\"1500000\"", "\"net\":\"0\""))
                .hasMessage("refunded: 1500001 exceeds the 1500000 paid");
    }

    @Test
    void aMethodIsX402WithAChainTransactionOrOffChainWithoutOne() {
        refused(X402_LINE.replace("\"method\":\"x402\"", "\"method\":\"wire\""))
                .hasMessage("method: 'wire' is neither x402 nor off-chain");
        refused(X402_LINE.replaceFirst("\"chainTransaction\":\"0x[0-9a-f]+\"", "\"chainTransaction\":\"\""))
                .hasMessage("chainTransaction: must name the chain transaction of an x402 settlement");
        refused(X402_LINE.replace("\"offChainReference\":\"\"", "\"offChainReference\":\"wire-1\""))
                .hasMessage("offChainReference: must be empty for an x402 settlement");
        refused(ReceiptJsonLine.encode(SIGNED_MANUAL)
                        .replace("\"chainTransaction\":\"\"", "\"chainTransaction\":\"0x6d\""))
                .hasMessage("chainTransaction: must be empty for an off-chain settlement");
    }

    @Property(tries = 150)
    void everySignedReceiptReadsBackAsItself(@ForAll("receipts") SettlementReceipt receipt) {
        SignedReceipt signed = SampleReceipts.signer().sign(receipt);

        assertThat(ReceiptJsonLine.decode(ReceiptJsonLine.encode(signed))).isEqualTo(signed);
    }

    @Provide
    Arbitrary<SettlementReceipt> receipts() {
        return ReceiptArbitraries.receipts();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                // what is changed in the line | member named | message after the member
                "\"paid\":\"1500000\" | \"paid\":1500000 | paid | expected a string, found a number",
                "\"paid\":\"1500000\" | \"paid\":\"01500000\" | paid"
                        + " | '01500000' is not a uint256 in decimal digits without leading zeros",
                "\"paid\":\"1500000\" | \"paid\":\"-1\" | paid"
                        + " | '-1' is not a uint256 in decimal digits without leading zeros",
                "\"paid\":\"1500000\" | \"paid\":\"1.5\" | paid"
                        + " | '1.5' is not a uint256 in decimal digits without leading zeros",
                "\"settledAt\":\"1748520247\" | \"settledAt\":null | settledAt | expected a string, found null",
                "\"decimals\":6 | \"decimals\":\"6\" | decimals | expected an integer number, found a string",
                "\"decimals\":6 | \"decimals\":19 | decimals | 19 exceeds the 18 decimals a currency may have",
                "\"decimals\":6 | \"decimals\":256 | decimals | 256 is outside [0, 255]",
                "\"decimals\":6 | \"decimals\":6.0 | decimals | expected an integer number, found a number",
                "\"payTo\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\""
                        + " | \"payTo\":\"0x209693bc6afc0C5328bA36FaF03C514EF312287C\" | payTo"
                        + " | '0x209693bc6afc0C5328bA36FaF03C514EF312287C' fails its EIP-55 checksum"
                        + " (expected 0x209693Bc6afc0C5328bA36FaF03C514EF312287C)",
                "\"payTo\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\""
                        + " | \"payTo\":\"0x209693bc6afc0c5328ba36faf03c514ef312287c\" | payTo"
                        + " | '0x209693bc6afc0c5328ba36faf03c514ef312287c' is not in its EIP-55 spelling"
                        + " (expected 0x209693Bc6afc0C5328bA36FaF03C514EF312287C)",
                "\"payTo\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\" | \"payTo\":\"0x2096\" | payTo"
                        + " | '0x2096' is not 0x and 40 hex digits",
                "\"paymentNonce\":\"0xf3746613 | \"paymentNonce\":\"0xF3746613 | paymentNonce"
                        + " | '0xF3746613c2d920b5fdabc0856f2aeb2d4f88ee6037b8cc5d04a71a4462f13480' is not 0x and 64"
                        + " lower-case hex digits",
                "\"journalHash\":\"0x3c5e | \"journalHash\":\"3c5e | journalHash"
                        + " | '3c5e7a9b1d2f4e6a8c0b2d4f6e8a0c1b3d5f7e9a2c4b6d8f0e1a3c5b7d9f2e4a' is not 0x and 64"
                        + " lower-case hex digits",
                "\"signature\":\"0xf6 | \"signature\":\"0xF6 | signature"
                        + " | '0xF61af6e0835b679d0d7efb7fc7a8aa5f73515bf4a0ec5e6c5cab59abd1d1c17f"
                        + "4473783b16f1f4761ba48709d31a31bc2a31e0b2c0434fbe321b63dead0435081b' is not 0x and 130 lower-case hex digits",
                "\"capability\":\"python code review\" | \"capability\":\"Python  Code review\" | capability"
                        + " | 'Python  Code review' is not in normal form ('python code review')",
                "\"payer\":\"orchestrator-7\" | \"payer\":\"orchestrator 7\" | payer"
                        + " | agentId: 'orchestrator 7' must be 1-64 letters, digits, '_' or '-'",
                "\"transactionId\":\"0b9f7c1e | \"transactionId\":\"0B9F7C1E | transactionId"
                        + " | transactionId: '0B9F7C1E-3a5d-4e2b-9c8a-1f2e3d4c5b6a' is not a lower-case UUID",
                "\"currency\":\"USDC\" | \"currency\":\"usdc\" | currency | currency: 'usdc' is not a currency code",
                "\"settledAt\":\"1748520247\" | \"settledAt\":\"31556889864403200\" | settledAt"
                        + " | 31556889864403200 is beyond the last representable time",
                "\"transactionId\":\"0b9f7c1e-3a5d-4e2b-9c8a-1f2e3d4c5b6a\", | `` | transactionId | missing",
                "\"signer\":\"0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73\" | \"signer\":\"0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73\",\"note\":1"
                        + " | note | unknown member",
            })
    void aMalformedMemberIsRefusedByName(String original, String replacement, String member, String problem) {
        String line = X402_LINE.replace(original, replacement);
        assertThat(line).isNotEqualTo(X402_LINE);

        refused(line)
                .isInstanceOfSatisfying(
                        ReceiptFormatException.class,
                        e -> assertThat(e.member()).isEqualTo(member))
                .hasMessage(member + ": " + problem);
    }

    @Test
    void paymentMembersMustAllBeZeroOffChain() {
        String manual = ReceiptJsonLine.encode(SIGNED_MANUAL);
        String payTo = manual.replaceFirst(
                "\"payTo\":\"0x0000000000000000000000000000000000000000\"",
                "\"payTo\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\"");
        String nonce = manual.replace(
                "\"paymentNonce\":\"0x" + "0".repeat(64), "\"paymentNonce\":\"0x" + "0".repeat(63) + "1");

        refused(payTo).hasMessage("payTo: must be the zero address for an off-chain settlement");
        refused(nonce).hasMessage("paymentNonce: must be zero for an off-chain settlement");
    }

    @Test
    void textThatIsNotOneJsonObjectIsRefusedAsAWhole() {
        refused("garbage")
                .isInstanceOfSatisfying(
                        ReceiptFormatException.class,
                        e -> assertThat(e.member()).isEmpty())
                .hasMessage("not JSON: unexpected character 'g' at offset 0");
        refused("[1,2]").hasMessage("expected a JSON object, found an array");
        refused(X402_LINE + X402_LINE).hasMessageStartingWith("not JSON: unexpected text after the JSON value");
        refused("{\"amount\":1,\"amount\":2}").hasMessageStartingWith("not JSON: duplicate member name \"amount\"");
        refused("{\"a\":" + "x".repeat(ReceiptJsonLine.MAX_BYTES) + "}")
                .hasMessage("longer than " + ReceiptJsonLine.MAX_BYTES + " characters");
    }

    @Test
    void malformedUtf8IsRefused() {
        byte[] bytes = X402_LINE.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bytes[30] = (byte) 0xC3;

        assertThatThrownBy(() -> ReceiptJsonLine.decode(bytes))
                .isInstanceOf(ReceiptFormatException.class)
                .hasMessage("not JSON: input is not valid UTF-8 at offset 0");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(String line) {
        return assertThatThrownBy(() -> ReceiptJsonLine.decode(line)).isInstanceOf(ReceiptFormatException.class);
    }
}
