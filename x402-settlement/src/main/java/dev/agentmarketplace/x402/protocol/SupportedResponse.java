package dev.agentmarketplace.x402.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A facilitator's answer to {@code GET /supported} (x402 specification v2 §7.3): the kinds of
 * payment it settles, the extensions it implements, and its signer addresses by CAIP-2 pattern
 * (e.g. {@code eip155:*}). Facilitators that predate version 2 send only {@code kinds}; the other two
 * are then empty.
 */
public record SupportedResponse(List<SupportedKind> kinds, List<String> extensions, Map<String, List<String>> signers) {

    public SupportedResponse {
        kinds = List.copyOf(kinds);
        extensions = List.copyOf(extensions);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        signers.forEach((pattern, addresses) -> copy.put(pattern, List.copyOf(addresses)));
        signers = Collections.unmodifiableMap(copy);
    }

    /** Whether a payment of {@code x402Version} in {@code scheme} on {@code network} is settled here. */
    public boolean supports(int x402Version, String scheme, String network) {
        return kinds.stream()
                .anyMatch(kind -> kind.x402Version() == x402Version
                        && kind.scheme().equals(scheme)
                        && kind.network().equals(network));
    }
}
