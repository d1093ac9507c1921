package dev.agentmarketplace.x402.exact;

import dev.agentmarketplace.x402.evm.AuthorizationVerifier;
import dev.agentmarketplace.x402.evm.EvmAddress;
import dev.agentmarketplace.x402.evm.EvmPayloadException;
import dev.agentmarketplace.x402.evm.Nonce;
import dev.agentmarketplace.x402.evm.Signature;
import dev.agentmarketplace.x402.evm.TransferWithAuthorization;
import dev.agentmarketplace.x402.exact.ExactPaymentException.Reason;
import dev.agentmarketplace.x402.json.JsonWriter;
import dev.agentmarketplace.x402.protocol.Authorization;
import dev.agentmarketplace.x402.protocol.ExactEvmPayload;
import dev.agentmarketplace.x402.protocol.PaymentPayload;
import dev.agentmarketplace.x402.protocol.PaymentPayloadV1;
import dev.agentmarketplace.x402.protocol.PaymentRequirements;
import dev.agentmarketplace.x402.protocol.PaymentRequirementsV1;
import dev.agentmarketplace.x402.protocol.SignedPayment;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The resource server's checks of an {@code exact} EVM payment (scheme_exact_evm.md, "Verification
 * Logic") against the requirements it offered, in this order, the first failure deciding the x402
 * reason:
 *
 * <ol>
 *   <li>malformed values (an address failing its EIP-55 checksum): {@code invalid_payload};
 *   <li>the payment's version is offered: {@code invalid_x402_version};
 *   <li>its scheme is offered: {@code invalid_scheme};
 *   <li>its network is offered for that scheme: {@code invalid_network};
 *   <li>version 2: {@code accepted} equals one offered entry, member order aside (so asset, amount,
 *       payee, timeout and {@code extra} are the offered ones): {@code invalid_payment_requirements};
 *       version 1 names no asset or amount, and takes the first entry of its scheme and network;
 *   <li>{@code authorization.to} is the entry's {@code payTo}, case aside: {@code
 *       invalid_exact_evm_payload_recipient_mismatch};
 *   <li>{@code authorization.value} equals its amount ({@code maxAmountRequired} in version 1),
 *       neither less nor more: {@code invalid_exact_evm_payload_authorization_value_mismatch};
 *   <li>{@code validAfter <= now}: {@code invalid_exact_evm_payload_authorization_valid_after};
 *   <li>{@code validBefore >= now +} {@link #VALID_BEFORE_MARGIN}: {@code
 *       invalid_exact_evm_payload_authorization_valid_before};
 *   <li>the signature recovers to {@code from} in the token's EIP-712 domain (name and version
 *       from the entry's {@code extra}, chain id from its network, the asset as verifying
 *       contract); in version 1 this is also what ties the payment to the offered asset: {@code
 *       invalid_exact_evm_payload_signature}.
 * </ol>
 *
 * <p>Times are whole Unix seconds, {@code now} rounded down, as the token compares them with the
 * block's timestamp. Balance and nonce reuse are not checked: the facilitator and the chain know
 * them, and a server refuses a second use of one authorization in its own records.
 */
public final class ExactEvmVerifier {

    /**
     * How long an authorization must still be valid when it is verified. The reference
     * facilitators (x402 TypeScript and Go, exact EVM verify) refuse {@code validBefore < now + 6 s}:
     * the transfer is mined a block or two after verification, and the token then requires {@code
     * block.timestamp < validBefore}.
     */
    public static final Duration VALID_BEFORE_MARGIN = Duration.ofSeconds(6);

    private final AuthorizationVerifier signatures = new AuthorizationVerifier();

    /** @throws ExactPaymentException with the x402 reason of the first check that fails */
    public VerifiedExactPayment verify(SignedPayment payment, Offered offered, Instant now) {
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(offered, "offered");
        Objects.requireNonNull(now, "now");
        TransferWithAuthorization authorization = typed(payment.payload().authorization());
        return switch (payment) {
            case PaymentPayload v2 -> {
                PaymentRequirements matched = match(v2, offered.v2());
                ExactTerms terms = ExactTerms.of(matched);
                check(v2.payload(), authorization, terms, now);
                yield new VerifiedExactPayment.V2(v2, matched, authorization, terms.domain());
            }
            case PaymentPayloadV1 v1 -> {
                PaymentRequirementsV1 matched = match(v1, offered.v1());
                ExactTerms terms = ExactTerms.of(matched);
                check(v1.payload(), authorization, terms, now);
                yield new VerifiedExactPayment.V1(v1, matched, authorization, terms.domain());
            }
        };
    }

    private static PaymentRequirements match(PaymentPayload payment, List<PaymentRequirements> offered) {
        PaymentRequirements accepted = payment.accepted();
        if (offered.isEmpty()) {
            throw new ExactPaymentException(
                    Reason.INVALID_X402_VERSION, "x402Version 2 is not offered here: pay with version 1");
        }
        List<PaymentRequirements> sameScheme = offered.stream()
                .filter(r -> r.scheme().equals(accepted.scheme()))
                .toList();
        if (sameScheme.isEmpty()) {
            throw new ExactPaymentException(
                    Reason.INVALID_SCHEME, "accepted.scheme " + accepted.scheme() + " is not offered");
        }
        List<PaymentRequirements> sameNetwork = sameScheme.stream()
                .filter(r -> r.network().equals(accepted.network()))
                .toList();
        if (sameNetwork.isEmpty()) {
            throw new ExactPaymentException(
                    Reason.INVALID_NETWORK,
                    "accepted.network " + accepted.network() + " is not offered (offered: "
                            + sameScheme.stream()
                                    .map(PaymentRequirements::network)
                                    .toList() + ")");
        }
        // x402 v2: accepted is the client's copy of one entry of accepts, compared whole, so that
        // a payment for other terms (another token, amount, payee or EIP-712 domain) never passes
        // as one for the terms offered.
        return sameNetwork.stream()
                .filter(accepted::equals)
                .findFirst()
                .orElseThrow(() -> new ExactPaymentException(
                        Reason.INVALID_PAYMENT_REQUIREMENTS,
                        "accepted is not a copy of an offered requirement: "
                                + differences(accepted, sameNetwork.getFirst())));
    }

    private static PaymentRequirementsV1 match(PaymentPayloadV1 payment, List<PaymentRequirementsV1> offered) {
        if (offered.isEmpty()) {
            throw new ExactPaymentException(
                    Reason.INVALID_X402_VERSION, "x402Version 1 is not offered here: pay with version 2");
        }
        List<PaymentRequirementsV1> sameScheme = offered.stream()
                .filter(r -> r.scheme().equals(payment.scheme()))
                .toList();
        if (sameScheme.isEmpty()) {
            throw new ExactPaymentException(Reason.INVALID_SCHEME, "scheme " + payment.scheme() + " is not offered");
        }
        // Version 1 payments carry only scheme and network: the first entry of both is the one paid.
        return sameScheme.stream()
                .filter(r -> r.network().equals(payment.network()))
                .findFirst()
                .orElseThrow(() -> new ExactPaymentException(
                        Reason.INVALID_NETWORK,
                        "network " + payment.network() + " is not offered (offered: "
                                + sameScheme.stream()
                                        .map(PaymentRequirementsV1::network)
                                        .toList() + ")"));
    }

    private void check(
            ExactEvmPayload payload, TransferWithAuthorization authorization, ExactTerms terms, Instant now) {
        if (!authorization.to().equals(terms.payTo())) {
            throw new ExactPaymentException(
                    Reason.RECIPIENT_MISMATCH,
                    "authorization.to " + authorization.to() + " is not the payee " + terms.payTo());
        }
        if (!authorization.value().equals(terms.amount())) {
            throw new ExactPaymentException(
                    Reason.VALUE_MISMATCH,
                    "authorization.value " + authorization.value() + " is not the required amount " + terms.amount()
                            + " (exact means equal)");
        }
        BigInteger nowSeconds = BigInteger.valueOf(now.getEpochSecond());
        if (authorization.validAfter().compareTo(nowSeconds) > 0) {
            throw new ExactPaymentException(
                    Reason.VALID_AFTER,
                    "authorization.validAfter " + authorization.validAfter() + " is later than now (" + nowSeconds
                            + "): not valid yet");
        }
        BigInteger earliestDeadline = nowSeconds.add(BigInteger.valueOf(VALID_BEFORE_MARGIN.toSeconds()));
        if (authorization.validBefore().compareTo(earliestDeadline) < 0) {
            throw new ExactPaymentException(
                    Reason.VALID_BEFORE,
                    "authorization.validBefore " + authorization.validBefore() + " is earlier than now + "
                            + VALID_BEFORE_MARGIN.toSeconds() + " s (" + earliestDeadline + "): expired or about to");
        }
        try {
            signatures.verifySignature(terms.domain(), authorization, Signature.fromHex(payload.signature()));
        } catch (EvmPayloadException e) {
            throw ExactPaymentException.of(e);
        }
    }

    private static TransferWithAuthorization typed(Authorization authorization) {
        return new TransferWithAuthorization(
                address(authorization.from(), "authorization.from"),
                address(authorization.to(), "authorization.to"),
                authorization.value(),
                authorization.validAfter(),
                authorization.validBefore(),
                Nonce.of(authorization.nonce()));
    }

    private static EvmAddress address(String value, String field) {
        try {
            return EvmAddress.of(value);
        } catch (EvmPayloadException e) {
            throw new ExactPaymentException(Reason.INVALID_PAYLOAD, field + ": " + e.getMessage());
        }
    }

    private static String differences(PaymentRequirements accepted, PaymentRequirements offered) {
        List<String> out = new ArrayList<>();
        differ(out, "amount", accepted.amount(), offered.amount());
        differ(out, "asset", accepted.asset(), offered.asset());
        differ(out, "payTo", accepted.payTo(), offered.payTo());
        differ(out, "maxTimeoutSeconds", accepted.maxTimeoutSeconds(), offered.maxTimeoutSeconds());
        differ(out, "extra", JsonWriter.write(accepted.extra()), JsonWriter.write(offered.extra()));
        return String.join("; ", out);
    }

    private static void differ(List<String> out, String field, Object accepted, Object offered) {
        if (!accepted.equals(offered)) {
            out.add("accepted." + field + " is " + accepted + " where the offer has " + offered);
        }
    }
}
