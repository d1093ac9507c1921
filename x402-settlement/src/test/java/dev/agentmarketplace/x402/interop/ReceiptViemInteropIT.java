package dev.agentmarketplace.x402.interop;

import static dev.agentmarketplace.x402.interop.Json.bool;
import static dev.agentmarketplace.x402.interop.Json.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.payment.OnChainPayment;
import dev.agentmarketplace.core.payment.SettlementMethod;
import dev.agentmarketplace.core.payment.SettlementReceipt;
import dev.agentmarketplace.core.payment.SignedReceipt;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.evm.PrivateKeySigner;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.receipt.Eip712ReceiptSigner;
import dev.agentmarketplace.x402.receipt.ReceiptExport;
import dev.agentmarketplace.x402.receipt.ReceiptTypedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Receipts and export manifests the platform signs, checked by viem's verifyTypedData. */
@EnabledIfNodeAvailable
class ReceiptViemInteropIT {
    private static final PrivateKeySigner PLATFORM = PrivateKeySigner.fromHex(Fixtures.PAYER_KEY);
    private static final Eip712ReceiptSigner SIGNER = new Eip712ReceiptSigner(PLATFORM);

    private static final SettlementReceipt PAID = new SettlementReceipt(
            TransactionId.of("0b9f7c1e-3a5d-4e2b-9c8a-1f2e3d4c5b6a"),
            AgentId.of("orchestrator"),
            AgentId.of("python-expert"),
            Capability.of("python code review"),
            Money.of("1.50", "USDC"),
            Money.of("0.60", "USDC"),
            new SettlementMethod.X402(
                    new OnChainPayment(
                            WalletAddress.of("0x857b06519E91e3A54538791bDbb0E22373e36b66"),
                            WalletAddress.of(Fixtures.PAY_TO),
                            WalletAddress.of(Fixtures.USDC_BASE_SEPOLIA),
                            "eip155:84532",
                            "0xf3746613c2d920b5fdabc0856f2aeb2d4f88ee6037b8cc5d04a71a4462f13480"),
                    "0x" + "6d".repeat(32)),
            Instant.parse("2026-12-01T13:45:07Z"),
            "3c5e7a9b1d2f4e6a8c0b2d4f6e8a0c1b3d5f7e9a2c4b6d8f0e1a3c5b7d9f2e4a");

    private static final SettlementReceipt BY_HAND = new SettlementReceipt(
            TransactionId.of("7d1e0c2b-4a6f-4b8e-9d3c-2e1f0a9b8c7d"),
            AgentId.of("orchestrator"),
            AgentId.of("translator"),
            Capability.of("translation"),
            Money.of("12.75", "EUR"),
            Money.of("0", "EUR"),
            new SettlementMethod.OffChain(Optional.of("wire 2026-12-01")),
            Instant.parse("2026-12-01T14:00:00Z"),
            "0".repeat(63) + "1");

    @Test
    void receiptOfAnX402SettlementVerifiesWithViemAndRecoversThePlatform() {
        JsonObject verdict = viemVerify(SIGNER.sign(PAID), ReceiptTypedData.messageJson(PAID));

        assertThat(bool(verdict, "valid")).as(verdict.toString()).isTrue();
        assertThat(string(verdict, "recoveredAddress"))
                .isEqualTo(PLATFORM.address().value());
        assertThat(string(verdict, "digest")).isEqualTo(Fixtures.hex(ReceiptTypedData.digest(PAID)));
    }

    @Test
    void receiptOfASettlementByHandWithItsZeroPaymentVerifiesWithViem() {
        JsonObject verdict = viemVerify(SIGNER.sign(BY_HAND), ReceiptTypedData.messageJson(BY_HAND));

        assertThat(bool(verdict, "valid")).as(verdict.toString()).isTrue();
    }

    @Test
    void viemRefusesAReceiptWhoseAmountWasChangedAfterSigning() {
        Map<String, JsonValue> altered =
                new LinkedHashMap<>(ReceiptTypedData.messageJson(PAID).members());
        altered.put("paid", new JsonString("1500001"));

        JsonObject verdict = viemVerify(SIGNER.sign(PAID), new JsonObject(altered));

        assertThat(bool(verdict, "valid")).isFalse();
    }

    @Test
    void exportManifestSignatureVerifiesWithViemAsTheManifestStates() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        new ReceiptExport(PLATFORM, Clock.fixed(Instant.parse("2026-12-01T15:00:00Z"), ZoneOffset.UTC))
                .write(
                        zip,
                        Optional.of("interop"),
                        sink -> List.of(PAID, BY_HAND).stream()
                                .map(SIGNER::sign)
                                .forEach(sink));
        JsonObject manifest = (JsonObject) Json.parse(entry(zip.toByteArray(), ReceiptExport.MANIFEST_ENTRY));
        JsonObject signed = (JsonObject) manifest.get("manifestSignature").orElseThrow();
        Map<String, JsonValue> input = new LinkedHashMap<>();
        input.put("domain", manifest.get("domain").orElseThrow());
        input.put("types", withoutDomainType((JsonObject) signed.get("types").orElseThrow()));
        input.put("primaryType", signed.get("primaryType").orElseThrow());
        input.put("message", signed.get("message").orElseThrow());
        input.put("address", new JsonString(PLATFORM.address().value()));
        input.put("signature", signed.get("signature").orElseThrow());

        JsonObject verdict = NodeScripts.run("viem-verify.mjs", new JsonObject(input));

        assertThat(bool(verdict, "valid")).as(verdict.toString()).isTrue();
    }

    private static JsonObject viemVerify(SignedReceipt signed, JsonObject message) {
        JsonObject typedData = (JsonObject) Json.parse(ReceiptTypedData.typedDataJson(signed.receipt()));
        Map<String, JsonValue> input = new LinkedHashMap<>();
        input.put("domain", typedData.get("domain").orElseThrow());
        input.put("types", withoutDomainType((JsonObject) typedData.get("types").orElseThrow()));
        input.put("primaryType", typedData.get("primaryType").orElseThrow());
        input.put("message", message);
        input.put("address", new JsonString(signed.signer().value()));
        input.put("signature", new JsonString(signed.signature()));
        return NodeScripts.run("viem-verify.mjs", new JsonObject(input));
    }

    /** viem-verify.mjs takes the types without EIP712Domain, which viem derives from the domain. */
    private static JsonObject withoutDomainType(JsonObject types) {
        Map<String, JsonValue> kept = new LinkedHashMap<>(types.members());
        kept.remove("EIP712Domain");
        return new JsonObject(kept);
    }

    private static String entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return new String(((InputStream) in).readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("the export has no " + name);
    }
}
