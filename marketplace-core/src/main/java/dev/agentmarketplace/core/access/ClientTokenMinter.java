package dev.agentmarketplace.core.access;

import java.time.Instant;
import java.util.Objects;

/** Port: mints a bearer token for a client of the embedded issuer. Tokens are shown once and never stored. */
@FunctionalInterface
public interface ClientTokenMinter {
    /**
     * @throws dev.agentmarketplace.core.ConflictException with {@code LOCAL_ISSUER_DISABLED} when an
     *     external provider issues the tokens instead
     */
    IssuedToken mint(AgentClient client);

    /** A token and when it expires. */
    record IssuedToken(String token, Instant expiresAt) {
        public IssuedToken {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            // Never into a log line by accident.
            return "IssuedToken[expiresAt=" + expiresAt + "]";
        }
    }
}
