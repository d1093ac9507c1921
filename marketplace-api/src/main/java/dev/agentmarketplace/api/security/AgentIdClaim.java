package dev.agentmarketplace.api.security;

import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The text of a token's agent id claim, for every reader of it (each authenticated request reads it twice). */
final class AgentIdClaim {
    /** A claim read as JSON text keeps its quotes; compiled once. */
    private static final Pattern QUOTES = Pattern.compile("^\"|\"$");

    private AgentIdClaim() {}

    /** The claim named {@code claim} ({@code sub} is the subject), without JSON quotes; empty when absent. */
    static Optional<String> textOf(JsonWebToken token, String claim) {
        Object value = "sub".equals(claim) ? token.getSubject() : token.getClaim(claim);
        return value == null
                ? Optional.empty()
                : Optional.of(QUOTES.matcher(value.toString()).replaceAll(""));
    }
}
