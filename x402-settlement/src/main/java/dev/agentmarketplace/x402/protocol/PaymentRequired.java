package dev.agentmarketplace.x402.protocol;

import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A v2 402 answer ({@code PAYMENT-REQUIRED}): what is paid for and the ways to pay for it. */
public record PaymentRequired(
        Optional<String> error,
        ResourceInfo resource,
        List<PaymentRequirements> accepts,
        Optional<JsonObject> extensions) {

    public static final int VERSION = 2;

    public PaymentRequired {
        Objects.requireNonNull(error, "error");
        Wire.present(resource, Reason.INVALID_PAYMENT_REQUIREMENTS, "resource");
        accepts = List.copyOf(Wire.present(accepts, Reason.INVALID_PAYMENT_REQUIREMENTS, "accepts"));
        // A 402 that accepts nothing leaves the client no way to pay; refuse it rather than pass it on.
        if (accepts.isEmpty()) {
            throw new X402CodecException(Reason.INVALID_PAYMENT_REQUIREMENTS, "accepts", "must not be empty");
        }
        Objects.requireNonNull(extensions, "extensions");
    }
}
