package dev.agentmarketplace.x402.protocol;

import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * One way to pay in v1: the resource is a URL string and the amount is {@code maxAmountRequired}.
 * Networks are names ({@code base}, {@code base-sepolia}), so addresses are checked only for being
 * present; {@code extra} is optional in v1 and kept raw.
 */
public record PaymentRequirementsV1(
        String scheme,
        String network,
        BigInteger maxAmountRequired,
        String resource,
        String description,
        String mimeType,
        String payTo,
        long maxTimeoutSeconds,
        String asset,
        Optional<JsonObject> outputSchema,
        Optional<JsonObject> extra) {

    private static final Reason REASON = Reason.INVALID_PAYMENT_REQUIREMENTS;

    public PaymentRequirementsV1 {
        Wire.scheme(scheme, "scheme");
        Wire.v1Network(network, "network");
        Wire.uint256(maxAmountRequired, REASON, "maxAmountRequired");
        Wire.nonBlank(resource, REASON, "resource");
        Wire.present(description, REASON, "description");
        Wire.present(mimeType, REASON, "mimeType");
        Wire.nonBlank(payTo, REASON, "payTo");
        Wire.nonNegative(maxTimeoutSeconds, REASON, "maxTimeoutSeconds");
        Wire.nonBlank(asset, REASON, "asset");
        Objects.requireNonNull(outputSchema, "outputSchema");
        Objects.requireNonNull(extra, "extra");
    }
}
