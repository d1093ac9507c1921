package dev.agentmarketplace.x402.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.payment.OnChainPayment;
import dev.agentmarketplace.core.payment.SettlementMethod;
import dev.agentmarketplace.core.payment.SettlementReceipt;
import dev.agentmarketplace.x402.json.JsonNumber;
import dev.agentmarketplace.x402.json.JsonString;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The receipt's EIP-712 type, domain and digest, pinned. {@code ReceiptViemInteropIT} checks
 * independently that viem 2 computes the same digests from {@link ReceiptTypedData#typedDataJson}.
 */
class ReceiptTypedDataTest {
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    @Test
    void receiptTypeStringIsTheDocumentedOneAndHashesToThePinnedConstant() {
        assertThat(ReceiptTypedData.RECEIPT.encodeType())
                .isEqualTo("SettlementReceipt(string transactionId,string payer,string provider,string capability,"
                        + "uint256 paid,uint256 refunded,uint256 net,string currency,uint8 decimals,string method,"
                        + "address payerWallet,address payTo,address asset,string network,bytes32 paymentNonce,"
                        + "string chainTransaction,string offChainReference,uint256 settledAt,bytes32 journalHash)");
        assertThat(hex(ReceiptTypedData.RECEIPT.typeHash()))
                .isEqualTo("0xa6748959f2625308b5d9c1ef1bb392d51c34f9717afb2ecd7c9b1854b1a55156")
                .isEqualTo(ReceiptTypedData.RECEIPT_TYPE_HASH);
    }

    @Test
    void domainHasOnlyNameAndVersionAndItsSeparatorIsThePinnedConstant() {
        assertThat(ReceiptTypedData.DOMAIN.encodeType()).isEqualTo("EIP712Domain(string name,string version)");
        assertThat(hex(ReceiptTypedData.domainSeparator()))
                .isEqualTo("0x63850a90f2107e625e7583d1f7efacf8a3be626a0d59ff99b19d059cb987da93")
                .isEqualTo(ReceiptTypedData.DOMAIN_SEPARATOR);
    }

    @Test
    void exportTypeStringHashesToThePinnedConstant() {
        assertThat(ExportManifest.EXPORT.encodeType())
                .isEqualTo("SettlementExport(uint256 count,bytes32 receiptsSha256,uint256 createdAt)");
        assertThat(hex(ExportManifest.EXPORT.typeHash()))
                .isEqualTo("0xd5285cacb8d9fd9026b77969f656ac8f816962bc3e6977f280694a3f161ce99c")
                .isEqualTo(ExportManifest.EXPORT_TYPE_HASH);
    }

    @Test
    void x402ReceiptHashesToItsPinnedStructHashAndDigest() {
        assertThat(hex(ReceiptTypedData.structHash(SampleReceipts.X402)))
                .isEqualTo("0x0d056ae697626916ba8deea1700cbd0b8f5f50839cc5b9b2ca54101690bd7b4d");
        assertThat(hex(ReceiptTypedData.digest(SampleReceipts.X402)))
                .isEqualTo("0x5a169c408175d88577dcbe05bf16cc63335742ea2068147d0497acf9e101caf1");
    }

    @Test
    void manualReceiptHashesToItsPinnedDigest() {
        assertThat(hex(ReceiptTypedData.digest(SampleReceipts.MANUAL)))
                .isEqualTo("0x494683b7cbb31e27bf6db5ba543974122e2bc730d721cdbc14ed850693ec04da");
    }

    @Test
    void typedDataJsonIsWhatViemVerifyTypedDataTakes() {
        assertThat(ReceiptTypedData.typedDataJson(SampleReceipts.X402))
                .isEqualTo("{\"domain\":{\"name\":\"Agent Marketplace\",\"version\":\"1\"},"
                        + "\"types\":{\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},"
                        + "{\"name\":\"version\",\"type\":\"string\"}],"
                        + "\"SettlementReceipt\":[{\"name\":\"transactionId\",\"type\":\"string\"},"
                        + "{\"name\":\"payer\",\"type\":\"string\"},{\"name\":\"provider\",\"type\":\"string\"},"
                        + "{\"name\":\"capability\",\"type\":\"string\"},{\"name\":\"paid\",\"type\":\"uint256\"},"
                        + "{\"name\":\"refunded\",\"type\":\"uint256\"},{\"name\":\"net\",\"type\":\"uint256\"},"
                        + "{\"name\":\"currency\",\"type\":\"string\"},{\"name\":\"decimals\",\"type\":\"uint8\"},"
                        + "{\"name\":\"method\",\"type\":\"string\"},"
                        + "{\"name\":\"payerWallet\",\"type\":\"address\"},{\"name\":\"payTo\",\"type\":\"address\"},"
                        + "{\"name\":\"asset\",\"type\":\"address\"},{\"name\":\"network\",\"type\":\"string\"},"
                        + "{\"name\":\"paymentNonce\",\"type\":\"bytes32\"},"
                        + "{\"name\":\"chainTransaction\",\"type\":\"string\"},"
                        + "{\"name\":\"offChainReference\",\"type\":\"string\"},"
                        + "{\"name\":\"settledAt\",\"type\":\"uint256\"},"
                        + "{\"name\":\"journalHash\",\"type\":\"bytes32\"}]},"
                        + "\"primaryType\":\"SettlementReceipt\","
                        + "\"message\":{\"transactionId\":\"0b9f7c1e-3a5d-4e2b-9c8a-1f2e3d4c5b6a\","
                        + "\"payer\":\"orchestrator-7\",\"provider\":\"python-expert\","
                        + "\"capability\":\"python code review\",\"paid\":\"1500000\",\"refunded\":\"0\","
                        + "\"net\":\"1500000\",\"currency\":\"USDC\",\"decimals\":6,\"method\":\"x402\","
                        + "\"payerWallet\":\"0x857b06519E91e3A54538791bDbb0E22373e36b66\","
                        + "\"payTo\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\","
                        + "\"asset\":\"0x036CbD53842c5426634e7929541eC2318f3dCF7e\",\"network\":\"eip155:84532\","
                        + "\"paymentNonce\":\"0xf3746613c2d920b5fdabc0856f2aeb2d4f88ee6037b8cc5d04a71a4462f13480\","
                        + "\"chainTransaction\":"
                        + "\"0x6d8b2a1e4f0c3b5a79e8d6c4b2a0f1e3d5c7b9a8e6f4d2c0b1a3e5f7d9c8b6a4\","
                        + "\"offChainReference\":\"\","
                        + "\"settledAt\":\"1748520247\","
                        + "\"journalHash\":\"0x3c5e7a9b1d2f4e6a8c0b2d4f6e8a0c1b3d5f7e9a2c4b6d8f0e1a3c5b7d9f2e4a\"}}");
    }

    @Test
    void offChainSettlementIsMarkedSoWithZeroPaymentMembersNoChainTransactionAndItsOwnReference() {
        var message = ReceiptTypedData.messageJson(SampleReceipts.MANUAL);

        assertThat(message.members())
                .containsEntry("payerWallet", new JsonString(ZERO_ADDRESS))
                .containsEntry("payTo", new JsonString(ZERO_ADDRESS))
                .containsEntry("asset", new JsonString(ZERO_ADDRESS))
                .containsEntry("network", new JsonString(""))
                .containsEntry("paymentNonce", new JsonString("0x" + "0".repeat(64)))
                .containsEntry("method", new JsonString("off-chain"))
                .containsEntry("chainTransaction", new JsonString(""))
                .containsEntry("offChainReference", new JsonString("wire 2025-06-01 #4711"))
                .containsEntry("paid", new JsonString("1230"))
                .containsEntry("refunded", new JsonString("0"))
                .containsEntry("net", new JsonString("1230"))
                .containsEntry("decimals", JsonNumber.of(2));
    }

    @Test
    void partlyRefundedReceiptSignsWhatWasPaidRefundedAndKept() {
        assertThat(ReceiptTypedData.messageJson(SampleReceipts.EURC).members())
                .containsEntry("method", new JsonString("x402"))
                .containsEntry("paid", new JsonString("250000"))
                .containsEntry("refunded", new JsonString("100000"))
                .containsEntry("net", new JsonString("150000"));
    }

    @Test
    void receiptsThatWouldReadBackAsAnotherReceiptCannotExist() {
        SettlementReceipt r = SampleReceipts.X402;
        OnChainPayment p = r.payment().orElseThrow();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OnChainPayment(p.payer(), p.payTo(), p.asset(), "", p.nonce()));
        assertThatThrownBy(() -> new SettlementMethod.OffChain(Optional.of("")))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new SettlementMethod.X402(p, "")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new SettlementReceipt(
                        r.transactionId(),
                        r.payer(),
                        r.provider(),
                        r.capability(),
                        Money.of("-1.50", "USDC"),
                        Money.of("0", "USDC"),
                        r.method(),
                        r.settledAt(),
                        r.journalHash()))
                .isInstanceOf(InvalidValueException.class);
    }
}
