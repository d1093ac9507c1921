package dev.agentmarketplace.x402.receipt;

import dev.agentmarketplace.core.DomainException;
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
        BigInteger paid = m.uint256("paid");
        BigInteger refunded = m.uint256("refunded");
        BigInteger net = m.uint256("net");
        if (refunded.compareTo(paid) > 0) {
            throw new ReceiptFormatException("refunded", refunded + " exceeds the " + paid + " paid");
        }
        if (!net.equals(paid.subtract(refunded))) {
            throw new ReceiptFormatException("net", net + " is not paid - refunded (" + paid.subtract(refunded) + ")");
        }
        String currencyCode = m.string("currency");
        int decimals = m.smallInt("decimals", 255);
        if (decimals > 18) {
            throw new ReceiptFormatException("decimals", decimals + " exceeds the 18 decimals a currency may have");
        }
        Currency currency = core(m, "currency", code -> new Currency(code, decimals));
        SettlementMethod method = method(m);
        Instant settledAt = settledAt(m);
        String journalHash = m.bytes32("journalHash").substring(2);
        String signature = m.signature("signature");
        WalletAddress signer = WalletAddress.of(m.address("signer"), "signer");
        SettlementReceipt receipt = new SettlementReceipt(
                transactionId,
                payer,
                provider,
                capability,
                Money.ofMinorUnits(paid, currency),
                Money.ofMinorUnits(refunded, currency),
                method,
                settledAt,
                journalHash);
        return new SignedReceipt(receipt, signature, signer);
    }

    /**
     * The settlement method, by the zero conventions of {@link ReceiptTypedData}: {@code x402} has a
     * payment on a network and a chain transaction but no off-chain reference; {@code off-chain} has
     * every payment member and the chain transaction at its zero value.
     */
    private static SettlementMethod method(JsonMembers m) {
        String method = m.string("method");
        WalletAddress payerWallet = WalletAddress.of(m.address("payerWallet"), "payerWallet");
        WalletAddress payTo = WalletAddress.of(m.address("payTo"), "payTo");
        WalletAddress asset = WalletAddress.of(m.address("asset"), "asset");
        String network = m.string("network");
        String nonce = m.bytes32("paymentNonce");
        String chainTransaction = m.string("chainTransaction");
        String offChainReference = m.string("offChainReference");
        switch (method) {
            case SettlementMethod.X402.CODE -> {
                if (network.isEmpty()) {
                    throw new ReceiptFormatException("network", "must name the network of an x402 settlement");
                }
                if (chainTransaction.isEmpty()) {
                    throw new ReceiptFormatException(
                            "chainTransaction", "must name the chain transaction of an x402 settlement");
                }
                if (!offChainReference.isEmpty()) {
                    throw new ReceiptFormatException("offChainReference", "must be empty for an x402 settlement");
                }
                OnChainPayment payment =
                        checked("network", () -> new OnChainPayment(payerWallet, payTo, asset, network, nonce));
                return checked("chainTransaction", () -> new SettlementMethod.X402(payment, chainTransaction));
            }
            case SettlementMethod.OffChain.CODE -> {
                requireZeroAddress("payerWallet", payerWallet);
                requireZeroAddress("payTo", payTo);
                requireZeroAddress("asset", asset);
                requireEmpty("network", network);
                if (!nonce.equals(ReceiptTypedData.ZERO_BYTES32)) {
                    throw new ReceiptFormatException("paymentNonce", "must be zero for an off-chain settlement");
                }
                requireEmpty("chainTransaction", chainTransaction);
                return checked(
                        "offChainReference",
                        () -> new SettlementMethod.OffChain(
                                offChainReference.isEmpty() ? Optional.empty() : Optional.of(offChainReference)));
            }
            default ->
                throw new ReceiptFormatException(
                        "method",
                        "'" + JsonMembers.abbreviate(method) + "' is neither " + SettlementMethod.X402.CODE + " nor "
                                + SettlementMethod.OffChain.CODE);
        }
    }

    /** A core value built from members; the core's refusal is reported under {@code name}. */
    private static <T> T checked(String name, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | DomainException e) {
            throw new ReceiptFormatException(name, e.getMessage());
        }
    }

    private static void requireEmpty(String name, String value) {
        if (!value.isEmpty()) {
            throw new ReceiptFormatException(name, "must be empty for an off-chain settlement");
        }
    }

    private static void requireZeroAddress(String name, WalletAddress address) {
        if (!address.value().equals(ReceiptTypedData.ZERO_ADDRESS.value())) {
            throw new ReceiptFormatException(name, "must be the zero address for an off-chain settlement");
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
