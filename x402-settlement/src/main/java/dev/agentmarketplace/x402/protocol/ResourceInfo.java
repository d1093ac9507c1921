package dev.agentmarketplace.x402.protocol;

import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.util.Objects;
import java.util.Optional;

/** The paid resource (v2): an object, where v1 had a bare URL string in each requirement. */
public record ResourceInfo(String url, Optional<String> description, Optional<String> mimeType) {

    public ResourceInfo {
        Wire.nonBlank(url, Reason.INVALID_PAYMENT_REQUIREMENTS, "url");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(mimeType, "mimeType");
    }

    public static ResourceInfo of(String url) {
        return new ResourceInfo(url, Optional.empty(), Optional.empty());
    }
}
