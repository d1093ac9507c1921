package dev.agentmarketplace.x402.client;

import dev.agentmarketplace.x402.evm.Eip712Domain;
import dev.agentmarketplace.x402.evm.EvmAddress;
import dev.agentmarketplace.x402.evm.EvmPayloadException;
import dev.agentmarketplace.x402.evm.Nonce;
import dev.agentmarketplace.x402.evm.PrivateKeySigner;
import dev.agentmarketplace.x402.evm.Signature;
import dev.agentmarketplace.x402.evm.TransferWithAuthorization;
import dev.agentmarketplace.x402.exact.EvmNetworks;
import dev.agentmarketplace.x402.extensions.PaymentIdentifier;
import dev.agentmarketplace.x402.json.JsonNumber;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonParseException;
import dev.agentmarketplace.x402.json.JsonReader;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.protocol.Authorization;
import dev.agentmarketplace.x402.protocol.ExactEvmPayload;
import dev.agentmarketplace.x402.protocol.PaymentPayload;
import dev.agentmarketplace.x402.protocol.PaymentPayloadV1;
import dev.agentmarketplace.x402.protocol.PaymentRequired;
import dev.agentmarketplace.x402.protocol.PaymentRequiredV1;
import dev.agentmarketplace.x402.protocol.PaymentRequirements;
import dev.agentmarketplace.x402.protocol.PaymentRequirementsV1;
import dev.agentmarketplace.x402.protocol.SettlementResponse;
import dev.agentmarketplace.x402.protocol.X402CodecException;
import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import dev.agentmarketplace.x402.protocol.X402Headers;
import dev.agentmarketplace.x402.protocol.X402Json;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Pays x402 {@code exact} EVM requirements from one key, for a Java agent calling paid resources:
 * read the 402 ({@link #challenge}), sign ({@link #pay}), repeat the request with the returned
 * header, and read the settlement from the answer ({@link #settlement}).
 *
 * <p>It signs as the reference SDKs do: an EIP-3009 {@code TransferWithAuthorization} of exactly
 * the required amount to {@code payTo}, valid from {@link #VALID_AFTER_BACKDATE} ago until {@code
 * maxTimeoutSeconds} from now, under a random 32-byte nonce, in the token's EIP-712 domain ({@code
 * extra.name} and {@code extra.version}, the network's chain id, the asset as verifying contract).
 * A version 2 payment echoes the chosen entry as {@code accepted}, the {@code resource}, and the
 * server's extensions.
 */
public final class X402Payer {

    /**
     * How far back {@code validAfter} is set. The reference clients (x402 TypeScript and Go, exact
     * EVM) use ten minutes, so that a verifier whose clock is behind the payer's still sees the
     * authorization as valid.
     */
    public static final Duration VALID_AFTER_BACKDATE = Duration.ofSeconds(600);

    // A 402 body holds a handful of requirements; this bounds what an unknown server can make us parse.
    private static final JsonReader BODY_READER = new JsonReader(64 * 1024, 32);
    private static final Set<String> V1_BODY_MEMBERS = Set.of("x402Version", "error", "accepts");
    private static final Set<String> V2_BODY_MEMBERS =
            Set.of("x402Version", "error", "resource", "accepts", "extensions");

    private final PrivateKeySigner signer;
    private final Clock clock;
    private final SecureRandom random;

    public X402Payer(PrivateKeySigner signer, Clock clock, SecureRandom random) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The address payments come from. */
    public EvmAddress address() {
        return signer.address();
    }

    /**
     * The payment requirements of a 402 answer. A {@code PAYMENT-REQUIRED} header (names compared
     * case-insensitively) makes it version 2 (transports-v2/http.md); without one the body is read,
     * as a version 1 body or, when its {@code x402Version} is 2, as a version 2 object.
     *
     * @throws X402CodecException when neither holds valid payment requirements
     */
    public static PaymentChallenge challenge(Map<String, ? extends List<String>> headers, String body) {
        Optional<String> header = X402Headers.find(headers, X402Headers.PAYMENT_REQUIRED);
        if (header.isPresent()) {
            return new PaymentChallenge.V2(X402Headers.decodePaymentRequired(header.get()));
        }
        JsonValue json;
        try {
            json = BODY_READER.read(body == null ? "" : body);
        } catch (JsonParseException e) {
            throw new X402CodecException(
                    Reason.INVALID_PAYMENT_REQUIREMENTS,
                    "",
                    "no " + X402Headers.PAYMENT_REQUIRED + " header, and the body is not JSON: " + e.getMessage(),
                    e);
        }
        boolean v2 = json instanceof JsonObject object
                && object.get("x402Version").filter(new JsonNumber("2")::equals).isPresent();
        return v2
                ? new PaymentChallenge.V2(X402Json.readPaymentRequired(protocolMembers(json, V2_BODY_MEMBERS)))
                : new PaymentChallenge.V1(X402Json.readPaymentRequiredV1(protocolMembers(json, V1_BODY_MEMBERS)));
    }

    /**
     * The body's protocol members only. A 402 body is the server's own (transports-v2/http.md,
     * "Response Body"): servers put the payment requirements beside members of their own, such as
     * an RFC 9457 problem's, which a client has no reason to refuse.
     */
    private static JsonValue protocolMembers(JsonValue body, Set<String> members) {
        if (!(body instanceof JsonObject object)) {
            return body;
        }
        Map<String, JsonValue> kept = new LinkedHashMap<>();
        object.members().forEach((name, value) -> {
            if (members.contains(name)) {
                kept.put(name, value);
            }
        });
        return new JsonObject(kept);
    }

    /**
     * The settlement the server reports in {@code PAYMENT-RESPONSE} (version 2) or {@code
     * X-PAYMENT-RESPONSE} (version 1); empty when it sent neither.
     */
    public static Optional<SettlementResponse> settlement(Map<String, ? extends List<String>> headers) {
        return X402Headers.find(headers, X402Headers.PAYMENT_RESPONSE)
                .or(() -> X402Headers.find(headers, X402Headers.X_PAYMENT_RESPONSE))
                .map(X402Headers::decodePaymentResponse);
    }

    /** Pays {@code challenge} in its version. */
    public PaymentHeader pay(PaymentChallenge challenge, PaymentChoice choice) {
        return switch (challenge) {
            case PaymentChallenge.V2(PaymentRequired required) -> pay(required, choice);
            case PaymentChallenge.V1(PaymentRequiredV1 required) -> pay(required, choice);
        };
    }

    /**
     * A {@code PAYMENT-SIGNATURE} for the first entry of {@code accepts} that {@code choice} allows.
     * The payment identifier is {@code choice}'s; when the server requires one and the choice has
     * none, a fresh one is drawn.
     *
     * @throws PaymentChoiceException when no entry is acceptable
     */
    public PaymentHeader pay(PaymentRequired required, PaymentChoice choice) {
        Chosen chosen = choose(required.accepts().stream().map(X402Payer::entry).toList(), choice);
        PaymentRequirements accepted = required.accepts().get(chosen.index());
        Optional<String> identifier = choice.paymentIdentifier().or(() -> requiredIdentifier(required));
        Optional<JsonObject> extensions = identifier
                .map(id -> PaymentIdentifier.echo(required.extensions(), id))
                .or(required::extensions);
        PaymentPayload payment =
                new PaymentPayload(Optional.of(required.resource()), accepted, sign(chosen.terms()), extensions);
        return new PaymentHeader(X402Headers.PAYMENT_SIGNATURE, X402Headers.encodePaymentSignature(payment), payment);
    }

    /**
     * An {@code X-PAYMENT} for the first entry of {@code accepts} that {@code choice} allows.
     *
     * @throws PaymentChoiceException when no entry is acceptable
     */
    public PaymentHeader pay(PaymentRequiredV1 required, PaymentChoice choice) {
        Chosen chosen = choose(required.accepts().stream().map(X402Payer::entry).toList(), choice);
        PaymentRequirementsV1 accepted = required.accepts().get(chosen.index());
        PaymentPayloadV1 payment = new PaymentPayloadV1(accepted.scheme(), accepted.network(), sign(chosen.terms()));
        return new PaymentHeader(X402Headers.X_PAYMENT, X402Headers.encodeXPayment(payment), payment);
    }

    private Optional<String> requiredIdentifier(PaymentRequired required) {
        boolean mustCarryOne = required.extensions()
                .flatMap(e -> e.get(PaymentIdentifier.KEY))
                .filter(JsonObject.class::isInstance)
                .map(d -> PaymentIdentifier.required((JsonObject) d))
                .orElse(false);
        return mustCarryOne ? Optional.of(PaymentIdentifier.generate(random)) : Optional.empty();
    }

    private ExactEvmPayload sign(Payable terms) {
        long now = clock.instant().getEpochSecond();
        BigInteger validAfter = BigInteger.valueOf(Math.max(0, now - VALID_AFTER_BACKDATE.toSeconds()));
        BigInteger validBefore = BigInteger.valueOf(now).add(BigInteger.valueOf(terms.maxTimeoutSeconds()));
        TransferWithAuthorization authorization = new TransferWithAuthorization(
                signer.address(), terms.payTo(), terms.amount(), validAfter, validBefore, Nonce.random(random));
        Signature signature = signer.sign(terms.domain(), authorization);
        return new ExactEvmPayload(
                signature.toHex(),
                new Authorization(
                        authorization.from().value(),
                        authorization.to().value(),
                        authorization.value(),
                        authorization.validAfter(),
                        authorization.validBefore(),
                        authorization.nonce().value()));
    }

    private static Chosen choose(List<Entry> entries, PaymentChoice choice) {
        List<String> refusals = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            switch (entries.get(i)) {
                case Payable payable -> {
                    Optional<String> refusal = payable.refusal(choice);
                    if (refusal.isEmpty()) {
                        return new Chosen(i, payable);
                    }
                    refusals.add("accepts[" + i + "]: " + refusal.get());
                }
                case Unpayable(String problem) -> refusals.add("accepts[" + i + "]: " + problem);
            }
        }
        throw new PaymentChoiceException("no acceptable way to pay: " + String.join("; ", refusals));
    }

    private static Entry entry(PaymentRequirements r) {
        return entry(
                r.scheme(),
                r.network(),
                r.amount(),
                r.asset(),
                r.payTo(),
                r.maxTimeoutSeconds(),
                Optional.of(r.extra()));
    }

    private static Entry entry(PaymentRequirementsV1 r) {
        return entry(
                r.scheme(), r.network(), r.maxAmountRequired(), r.asset(), r.payTo(), r.maxTimeoutSeconds(), r.extra());
    }

    private static Entry entry(
            String scheme,
            String network,
            BigInteger amount,
            String asset,
            String payTo,
            long maxTimeoutSeconds,
            Optional<JsonObject> extra) {
        if (!"exact".equals(scheme)) {
            return new Unpayable("scheme " + scheme + " is not exact");
        }
        Optional<String> caip2 = EvmNetworks.caip2(network);
        if (caip2.isEmpty()) {
            return new Unpayable("network " + network + " is not an EVM network this payer knows");
        }
        try {
            Eip712Domain domain = new Eip712Domain(
                    extraString(extra, "name"),
                    extraString(extra, "version"),
                    EvmNetworks.chainId(caip2.get()).orElseThrow(),
                    address(asset));
            return new Payable(caip2.get(), amount, address(payTo), maxTimeoutSeconds, domain);
        } catch (EvmPayloadException e) {
            return new Unpayable(e.getMessage());
        }
    }

    // The server's spelling of its addresses is not checked against EIP-55: only the bytes are signed.
    private static EvmAddress address(String value) {
        return EvmAddress.of(value.toLowerCase(Locale.ROOT));
    }

    private static String extraString(Optional<JsonObject> extra, String member) {
        return extra.flatMap(e -> e.get(member))
                .filter(JsonString.class::isInstance)
                .map(v -> ((JsonString) v).value())
                .orElse(null);
    }

    /** One entry of {@code accepts}, whichever version, as this payer sees it. */
    private sealed interface Entry {}

    /** An entry this payer could sign for, if the caller's choice allows it. */
    private record Payable(
            String network, BigInteger amount, EvmAddress payTo, long maxTimeoutSeconds, Eip712Domain domain)
            implements Entry {

        Optional<String> refusal(PaymentChoice choice) {
            if (!choice.allowsNetwork(network)) {
                return Optional.of("network " + network + " is not one of " + choice.networks());
            }
            if (!choice.allowsAsset(domain.verifyingContract())) {
                return Optional.of("asset " + domain.verifyingContract() + " is not one of " + choice.assets());
            }
            if (!choice.allowsAmount(amount)) {
                return Optional.of("amount " + amount + " is more than "
                        + choice.maxAmount().orElseThrow());
            }
            return Optional.empty();
        }
    }

    /** An entry no {@code exact} EVM payer can pay: another scheme, an unknown network, no EIP-712 domain. */
    private record Unpayable(String problem) implements Entry {}

    private record Chosen(int index, Payable terms) {}
}
