package dev.agentmarketplace.x402.protocol;

import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.util.Objects;
import java.util.Optional;

/**
 * A v2 payment ({@code PAYMENT-SIGNATURE}). {@code accepted} is the client's copy of the chosen
 * requirements, which the server must find among those it offered; only {@code exact} on an
 * {@code eip155} network is modelled, since {@link ExactEvmPayload} is the only payload shape here.
 */
public record PaymentPayload(
        Optional<ResourceInfo> resource,
        PaymentRequirements accepted,
        ExactEvmPayload payload,
        Optional<JsonObject> extensions)
        implements SignedPayment {

    public static final int VERSION = 2;

    public PaymentPayload {
        Objects.requireNonNull(resource, "resource");
        Wire.present(accepted, Reason.INVALID_PAYLOAD, "accepted");
        Wire.present(payload, Reason.INVALID_PAYLOAD, "payload");
        Objects.requireNonNull(extensions, "extensions");
        if (!Wire.EXACT.equals(accepted.scheme())) {
            throw new X402CodecException(
                    Reason.INVALID_SCHEME, "accepted.scheme", "only \"exact\" is supported, got " + accepted.scheme());
        }
        if (!Wire.isEvm(accepted.network())) {
            throw new X402CodecException(
                    Reason.INVALID_NETWORK,
                    "accepted.network",
                    "only eip155 networks are supported, got " + accepted.network());
        }
    }

    @Override
    public int x402Version() {
        return VERSION;
    }

    @Override
    public String scheme() {
        return accepted.scheme();
    }

    @Override
    public String network() {
        return accepted.network();
    }
}
