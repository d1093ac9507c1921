package dev.agentmarketplace.core.access;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller may do beyond acting as its own agent. An admin is also an operator: it manages
 * clients and may do everything an operator does.
 */
public enum Role {
    AGENT,
    OPERATOR,
    ADMIN;

    /** The role a token names in its roles claim, case-insensitively; other names are not ours and are ignored. */
    public static Optional<Role> fromClaim(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "agent" -> Optional.of(AGENT);
            case "operator" -> Optional.of(OPERATOR);
            case "admin" -> Optional.of(ADMIN);
            default -> Optional.empty();
        };
    }

    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
