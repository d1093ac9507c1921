package dev.agentmarketplace.core.access;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A one-time link into the operators' dashboard, as its issuer vouches for it: who it signs in, with
 * which staff roles, until when. {@code id} is what makes it one-time: {@link SignInLinks} redeems
 * each id once.
 */
public record SignInLink(String id, String subject, Set<Role> roles, Instant expiresAt) {
    public SignInLink {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(expiresAt, "expiresAt");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }
}
