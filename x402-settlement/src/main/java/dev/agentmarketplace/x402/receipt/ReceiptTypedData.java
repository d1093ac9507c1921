package dev.agentmarketplace.x402.receipt;

import dev.agentmarketplace.core.payment.OnChainPayment;
import dev.agentmarketplace.core.payment.SettlementMethod;
import dev.agentmarketplace.core.payment.SettlementReceipt;
import dev.agentmarketplace.x402.evm.Eip712Struct;
import dev.agentmarketplace.x402.evm.EvmAddress;
import dev.agentmarketplace.x402.json.JsonArray;
import dev.agentmarketplace.x402.json.JsonNumber;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.json.JsonWriter;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The EIP-712 typed data the platform signs for a settlement receipt.
 *
 * <p>Domain {@code {name: "Agent Marketplace", version: "1"}} of type {@value #DOMAIN_TYPE}. It has
 * no {@code chainId} and no {@code verifyingContract}: a receipt is an off-chain statement bound to
 * no chain, and EIP-712 §Definition of domainSeparator lets a domain leave fields out.
 *
 * <p>Primary type {@value #RECEIPT_TYPE}, whose members mean:
 *
 * <ul>
 *   <li>{@code transactionId}: the marketplace transaction, a lower-case UUID;
 *   <li>{@code payer}, {@code provider}: the hiring and the hired agent's ids;
 *   <li>{@code capability}: what was hired, in normal form (lower case, single spaces);
 *   <li>{@code paid}, {@code refunded}, {@code net}: what the payer paid, what a resolved dispute
 *       gave back to it, and the difference, each in minor units of {@code currency} ({@code
 *       Money.toMinorUnits()}: 1.50 USDC is 1500000), {@code decimals} being the currency's scale,
 *       so that {@code paid / 10^decimals} is the decimal price;
 *   <li>{@code method}: {@code "x402"} for a settlement through an x402 payment, {@code
 *       "off-chain"} for one made by hand (by the payer or an operator);
 *   <li>{@code payerWallet}, {@code payTo}, {@code asset}, {@code network}, {@code paymentNonce}: the
 *       x402 payment: the paying account, the payee, the token contract, the network in CAIP-2 form
 *       whichever x402 version paid ({@code eip155:84532}, also for a v1 {@code base-sepolia}) and
 *       the EIP-3009 nonce;
 *   <li>{@code chainTransaction}: the chain's transaction of an x402 settlement;
 *   <li>{@code offChainReference}: the reference the settler gave with an off-chain settlement;
 *   <li>{@code settledAt}: when the ledger settled the transaction, in Unix seconds;
 *   <li>{@code journalHash}: the hash of the journal entry that posted the settlement, tying the
 *       receipt to the hash-chained ledger.
 * </ul>
 *
 * <p>Zero conventions, for the members a method lacks. An {@code off-chain} receipt has no payment:
 * {@code payerWallet}, {@code payTo} and {@code asset} are the zero address, {@code network} and
 * {@code chainTransaction} are {@code ""} and {@code paymentNonce} is 32 zero bytes; {@code
 * offChainReference} is {@code ""} when none was given. An {@code x402} receipt has {@code
 * offChainReference} {@code ""}. So that each signed message reads back as one receipt only, the
 * core's receipt cannot hold a payment with an empty network, a blank chain transaction or a present
 * but blank reference, and text with an unpaired surrogate, which has no UTF-8 form, is refused here
 * (with {@link IllegalArgumentException}).
 */
public final class ReceiptTypedData {
    public static final String DOMAIN_NAME = "Agent Marketplace";
    public static final String DOMAIN_VERSION = "1";
    public static final String DOMAIN_TYPE = "EIP712Domain(string name,string version)";
    public static final String PRIMARY_TYPE = "SettlementReceipt";
    public static final String RECEIPT_TYPE = "SettlementReceipt(string transactionId,string payer,string provider,"
            + "string capability,uint256 paid,uint256 refunded,uint256 net,string currency,uint8 decimals,"
            + "string method,address payerWallet,address payTo,address asset,string network,bytes32 paymentNonce,"
            + "string chainTransaction,string offChainReference,uint256 settledAt,bytes32 journalHash)";
    /** keccak256 of {@link #RECEIPT_TYPE}. */
    public static final String RECEIPT_TYPE_HASH = "0xa6748959f2625308b5d9c1ef1bb392d51c34f9717afb2ecd7c9b1854b1a55156";

    /** hashStruct of the domain {@code {name: "Agent Marketplace", version: "1"}}. */
    public static final String DOMAIN_SEPARATOR = "0x63850a90f2107e625e7583d1f7efacf8a3be626a0d59ff99b19d059cb987da93";

    static final Eip712Struct DOMAIN = Eip712Struct.parse(DOMAIN_TYPE);
    static final Eip712Struct RECEIPT = Eip712Struct.parse(RECEIPT_TYPE);
    static final EvmAddress ZERO_ADDRESS = EvmAddress.of(new byte[EvmAddress.LENGTH]);
    static final String ZERO_BYTES32 = "0x" + "0".repeat(64);
    private static final byte[] SEPARATOR = DOMAIN.encoder()
            .string("name", DOMAIN_NAME)
            .string("version", DOMAIN_VERSION)
            .hash();

    private ReceiptTypedData() {}

    public static byte[] domainSeparator() {
        return SEPARATOR.clone();
    }

    /** {@code hashStruct(message)} of the receipt (EIP-712 §Definition of hashStruct). */
    public static byte[] structHash(SettlementReceipt receipt) {
        return Message.of(receipt).structHash();
    }

    /** The digest the platform signs: keccak256(0x19 0x01 ‖ domainSeparator ‖ hashStruct(message)). */
    public static byte[] digest(SettlementReceipt receipt) {
        return Eip712Struct.digest(SEPARATOR, structHash(receipt));
    }

    /** {@code {"name":"Agent Marketplace","version":"1"}}. */
    public static JsonObject domainJson() {
        return strings("name", DOMAIN_NAME, "version", DOMAIN_VERSION);
    }

    /** The {@code types} of a typed-data request: {@code EIP712Domain} and {@code SettlementReceipt}. */
    public static JsonObject typesJson() {
        return typesJson(RECEIPT);
    }

    /**
     * The receipt as the {@code message} of a typed-data request: members named as in the type, uint256
     * as decimal strings (a JSON number may pass through a double), {@code decimals} as a number,
     * addresses in EIP-55 spelling, bytes32 as {@code 0x} and 64 lower-case hex digits.
     */
    public static JsonObject messageJson(SettlementReceipt receipt) {
        return Message.of(receipt).json();
    }

    /**
     * The whole typed-data request, {@code {"domain", "types", "primaryType", "message"}}, as viem's
     * {@code verifyTypedData} and {@code eth_signTypedData_v4} take it. ethers' {@code
     * verifyTypedData} derives the domain type itself and wants {@code types} without {@code
     * EIP712Domain}.
     */
    public static String typedDataJson(SettlementReceipt receipt) {
        return JsonWriter.write(typedData(PRIMARY_TYPE, typesJson(), messageJson(receipt)));
    }

    static JsonObject typedData(String primaryType, JsonObject types, JsonObject message) {
        var members = new LinkedHashMap<String, JsonValue>();
        members.put("domain", domainJson());
        members.put("types", types);
        members.put("primaryType", new JsonString(primaryType));
        members.put("message", message);
        return new JsonObject(members);
    }

    /** {@code {"EIP712Domain": [...], "<primary>": [...]}}, each member as {@code {"name", "type"}}. */
    static JsonObject typesJson(Eip712Struct primary) {
        var members = new LinkedHashMap<String, JsonValue>();
        for (Eip712Struct type : List.of(DOMAIN, primary)) {
            members.put(
                    type.name(),
                    new JsonArray(type.members().stream()
                            .<JsonValue>map(m ->
                                    strings("name", m.name(), "type", m.type().solidityName()))
                            .toList()));
        }
        return new JsonObject(members);
    }

    private static JsonObject strings(String name1, String value1, String name2, String value2) {
        var members = new LinkedHashMap<String, JsonValue>();
        members.put(name1, new JsonString(value1));
        members.put(name2, new JsonString(value2));
        return new JsonObject(members);
    }

    /** The receipt's members as EIP-712 values, with the zero conventions applied. */
    private record Message(
            String transactionId,
            String payer,
            String provider,
            String capability,
            BigInteger paid,
            BigInteger refunded,
            BigInteger net,
            String currency,
            int decimals,
            String method,
            EvmAddress payerWallet,
            EvmAddress payTo,
            EvmAddress asset,
            String network,
            String paymentNonce,
            String chainTransaction,
            String offChainReference,
            long settledAt,
            String journalHash) {

        static Message of(SettlementReceipt receipt) {
            // The core's SettlementReceipt already refuses a negative amount, a refund beyond it, a payment
            // without a network and a blank reference, each of which would read back as another receipt.
            long settledAt = receipt.settledAt().getEpochSecond();
            if (settledAt < 0) {
                throw new IllegalArgumentException(
                        "settledAt: " + receipt.settledAt() + " is before 1970; a receipt's time is a uint256");
            }
            Optional<OnChainPayment> payment = receipt.payment();
            String chainTransaction = "";
            String offChainReference = "";
            switch (receipt.method()) {
                case SettlementMethod.X402 x402 -> chainTransaction = x402.chainTransaction();
                case SettlementMethod.OffChain offChain ->
                    offChainReference = offChain.reference().orElse("");
            }
            wellFormed("capability", receipt.capability().name());
            payment.ifPresent(p -> wellFormed("payment.network", p.network()));
            wellFormed("chainTransaction", chainTransaction);
            wellFormed("offChainReference", offChainReference);
            return new Message(
                    receipt.transactionId().value(),
                    receipt.payer().value(),
                    receipt.provider().value(),
                    receipt.capability().name(),
                    receipt.paid().toMinorUnits(),
                    receipt.refunded().toMinorUnits(),
                    receipt.net().toMinorUnits(),
                    receipt.paid().currency().code(),
                    receipt.paid().currency().scale(),
                    receipt.method().code(),
                    payment.map(p -> EvmAddress.of(p.payer().value())).orElse(ZERO_ADDRESS),
                    payment.map(p -> EvmAddress.of(p.payTo().value())).orElse(ZERO_ADDRESS),
                    payment.map(p -> EvmAddress.of(p.asset().value())).orElse(ZERO_ADDRESS),
                    payment.map(OnChainPayment::network).orElse(""),
                    payment.map(OnChainPayment::nonce).orElse(ZERO_BYTES32),
                    chainTransaction,
                    offChainReference,
                    settledAt,
                    "0x" + receipt.journalHash());
        }

        /**
         * A string with an unpaired surrogate has no UTF-8 form: EIP-712 would hash a replacement
         * character, and JSON could not carry it, so the signed text would not be the receipt's.
         */
        private static void wellFormed(String member, String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new IllegalArgumentException(
                            member + ": unpaired surrogate at index " + i + ", not Unicode text");
                }
            }
        }

        byte[] structHash() {
            return RECEIPT.encoder()
                    .string("transactionId", transactionId)
                    .string("payer", payer)
                    .string("provider", provider)
                    .string("capability", capability)
                    .uint("paid", paid)
                    .uint("refunded", refunded)
                    .uint("net", net)
                    .string("currency", currency)
                    .uint("decimals", BigInteger.valueOf(decimals))
                    .string("method", method)
                    .address("payerWallet", payerWallet)
                    .address("payTo", payTo)
                    .address("asset", asset)
                    .string("network", network)
                    .bytes32("paymentNonce", bytes(paymentNonce))
                    .string("chainTransaction", chainTransaction)
                    .string("offChainReference", offChainReference)
                    .uint("settledAt", BigInteger.valueOf(settledAt))
                    .bytes32("journalHash", bytes(journalHash))
                    .hash();
        }

        JsonObject json() {
            var members = new LinkedHashMap<String, JsonValue>();
            members.put("transactionId", new JsonString(transactionId));
            members.put("payer", new JsonString(payer));
            members.put("provider", new JsonString(provider));
            members.put("capability", new JsonString(capability));
            members.put("paid", new JsonString(paid.toString()));
            members.put("refunded", new JsonString(refunded.toString()));
            members.put("net", new JsonString(net.toString()));
            members.put("currency", new JsonString(currency));
            members.put("decimals", JsonNumber.of(decimals));
            members.put("method", new JsonString(method));
            members.put("payerWallet", new JsonString(payerWallet.value()));
            members.put("payTo", new JsonString(payTo.value()));
            members.put("asset", new JsonString(asset.value()));
            members.put("network", new JsonString(network));
            members.put("paymentNonce", new JsonString(paymentNonce));
            members.put("chainTransaction", new JsonString(chainTransaction));
            members.put("offChainReference", new JsonString(offChainReference));
            members.put("settledAt", new JsonString(Long.toString(settledAt)));
            members.put("journalHash", new JsonString(journalHash));
            return new JsonObject(members);
        }

        private static byte[] bytes(String hex) {
            return HexFormat.of().parseHex(hex, 2, hex.length());
        }
    }
}
