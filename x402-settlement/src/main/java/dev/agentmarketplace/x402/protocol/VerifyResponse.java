package dev.agentmarketplace.x402.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * A facilitator's answer to {@code POST /verify} (x402 specification v2 §7.1). {@code invalidReason}
 * is kept opaque, as sent: the SDKs disagree on the strings. {@code payer} is whatever address the
 * facilitator recovered, unchecked here.
 */
public record VerifyResponse(boolean isValid, Optional<String> invalidReason, Optional<String> payer) {

    public VerifyResponse {
        Objects.requireNonNull(invalidReason, "invalidReason");
        Objects.requireNonNull(payer, "payer");
    }
}
