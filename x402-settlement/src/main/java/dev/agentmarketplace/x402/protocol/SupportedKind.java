package dev.agentmarketplace.x402.protocol;

import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.util.Objects;
import java.util.Optional;

/**
 * One way of paying a facilitator settles (x402 specification v2 §7.3.1): a protocol version, a
 * scheme and a network, CAIP-2 for version 2 and a bare name for version 1.
 */
public record SupportedKind(int x402Version, String scheme, String network, Optional<JsonObject> extra) {

    public SupportedKind {
        if (x402Version < 1) {
            throw new X402CodecException(
                    Reason.INVALID_X402_VERSION, "x402Version", "must be at least 1, got " + x402Version);
        }
        Wire.scheme(scheme, "scheme");
        Wire.nonBlank(network, Reason.INVALID_NETWORK, "network");
        Objects.requireNonNull(extra, "extra");
    }
}
