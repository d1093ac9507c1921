package dev.agentmarketplace.x402.receipt;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.payment.OnChainPayment;
import dev.agentmarketplace.core.payment.SettlementReceipt;
import dev.agentmarketplace.core.payment.SignedReceipt;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.evm.Eip712Struct;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonParseException;
import dev.agentmarketplace.x402.json.JsonReader;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.json.JsonWriter;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One line of {@code receipts.jsonl}: the receipt's typed-data message ({@link
 * ReceiptTypedData#messageJson}) followed by {@code signature} and {@code signer}, as one compact JSON
 * object. Reading is strict, so that a line reads back only as the receipt it was written from: every
 * member present with its JSON type, no other member, uint256 as canonical decimal strings, addresses
 * in EIP-55 spelling, bytes32 and the signature in lower-case hex, values in the core's normal form.
 */
public final class ReceiptJsonLine {
    /** Longer lines are refused unread; a real one is well under 2 KiB. */
    public static final int MAX_BYTES = 16 * 1024;

    private static final List<String> MEMBERS;

    static {
        List<String> members = new ArrayList<>(ReceiptTypedData.RECEIPT.members().stream()
                .map(Eip712Struct.Member::name)
                .toList());
        members.add("signature");
        members.add("signer");
        MEMBERS = List.copyOf(members);
    }

    private ReceiptJsonLine() {}

    /** The line, without its line feed. */
    public static String encode(SignedReceipt receipt) {
        var members = new LinkedHashMap<String, JsonValue>(
                ReceiptTypedData.messageJson(receipt.receipt()).members());
        members.put("signature", new JsonString(receipt.signature()));
        members.put("signer", new JsonString(receipt.signer().value()));
        return JsonWriter.write(new JsonObject(members));
    }

    /**
     * The signed receipt a line holds. Whether the signature holds is not checked here: see {@link
     * ReceiptVerifier}.
     *
     * @throws ReceiptFormatException naming the first offending member
     */
    public static SignedReceipt decode(String line) {
        if (line.length() > MAX_BYTES) {
            throw new ReceiptFormatException("", "longer than " + MAX_BYTES + " characters");
        }
        return decode(read(() -> new JsonReader(MAX_BYTES, 2).read(line)));
    }

    /** {@link #decode(String)} from the line's UTF-8 bytes; malformed UTF-8 is refused. */
    public static SignedReceipt decode(byte[] utf8) {
        if (utf8.length > MAX_BYTES) {
            throw new ReceiptFormatException("", "longer than " + MAX_BYTES + " bytes");
        }
        return decode(read(() -> new JsonReader(MAX_BYTES, 2).read(utf8)));
    }

    private static JsonValue read(Supplier<JsonValue> reader) {
        try {
            return reader.get();
        } catch (JsonParseException e) {
            throw new ReceiptFormatException("", "not JSON: " + e.getMessage());
        }
    }

    private static SignedReceipt decode(JsonValue json) {
        JsonMembers m = JsonMembers.of(json, "", MEMBERS, Set.of());
        TransactionId transactionId = core(m, "transactionId", TransactionId::of);
        AgentId payer = core(m, "payer", AgentId::of);
        AgentId provider = core(m, "provider", AgentId::of);
        Capability capability = core(m, "capability", Capability::of);
        if (!capability.name().equals(m.string("capability"))) {
            throw new ReceiptFormatException(
                    "capability",
                    "'" + JsonMembers.abbreviate(m.string("capability")) + "' is not in normal form ('"
                            + capability.name() + "')");
        }
        BigInteger amount = m.uint256("amount");
        String currencyCode = m.string("currency");
        int decimals = m.smallInt("decimals", 255);
        if (decimals > 18) {
            throw new ReceiptFormatException("decimals", decimals + " exceeds the 18 decimals a currency may have");
        }
        Currency currency = core(m, "currency", code -> new Currency(code, decimals));
        Optional<OnChainPayment> payment = payment(m);
        String reference = m.string("settlementReference");
        Instant settledAt = settledAt(m);
        String journalHash = m.bytes32("journalHash").substring(2);
        String signature = m.signature("signature");
        WalletAddress signer = WalletAddress.of(m.address("signer"), "signer");
        SettlementReceipt receipt = new SettlementReceipt(
                transactionId,
                payer,
                provider,
                capability,
                Money.ofMinorUnits(amount, currency),
                payment,
                reference.isEmpty() ? Optional.empty() : Optional.of(reference),
                settledAt,
                journalHash);
        return new SignedReceipt(receipt, signature, signer);
    }

    /**
     * The x402 payment, or none by the zero conventions of {@link ReceiptTypedData}: an empty network
     * means no payment, and then every other payment member must hold its zero value.
     */
    private static Optional<OnChainPayment> payment(JsonMembers m) {
        WalletAddress payerWallet = WalletAddress.of(m.address("payerWallet"), "payerWallet");
        WalletAddress payTo = WalletAddress.of(m.address("payTo"), "payTo");
        WalletAddress asset = WalletAddress.of(m.address("asset"), "asset");
        String network = m.string("network");
        String nonce = m.bytes32("paymentNonce");
        if (!network.isEmpty()) {
            return Optional.of(new OnChainPayment(payerWallet, payTo, asset, network, nonce));
        }
        requireZeroAddress("payerWallet", payerWallet);
        requireZeroAddress("payTo", payTo);
        requireZeroAddress("asset", asset);
        if (!nonce.equals(ReceiptTypedData.ZERO_BYTES32)) {
            throw new ReceiptFormatException("paymentNonce", "must be zero when network is empty (no x402 payment)");
        }
        return Optional.empty();
    }

    private static void requireZeroAddress(String name, WalletAddress address) {
        if (!address.value().equals(ReceiptTypedData.ZERO_ADDRESS.value())) {
            throw new ReceiptFormatException(name, "must be the zero address when network is empty (no x402 payment)");
        }
    }

    private static Instant settledAt(JsonMembers m) {
        BigInteger seconds = m.uint256("settledAt");
        if (seconds.compareTo(BigInteger.valueOf(Instant.MAX.getEpochSecond())) > 0) {
            throw new ReceiptFormatException("settledAt", seconds + " is beyond the last representable time");
        }
        return Instant.ofEpochSecond(seconds.longValueExact());
    }

    /** A core value built from a string member; the core's refusal is reported under the member's name. */
    private static <T> T core(JsonMembers m, String name, Function<String, T> constructor) {
        String text = m.string(name);
        try {
            return constructor.apply(text);
        } catch (DomainException e) {
            throw new ReceiptFormatException(name, e.getMessage());
        }
    }
}
