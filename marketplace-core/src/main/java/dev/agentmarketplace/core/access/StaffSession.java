package dev.agentmarketplace.core.access;

import java.time.Instant;
import java.util.Objects;

/** A signed-in browser's credential for the dashboard and when it lapses. */
public record StaffSession(String credential, Instant expiresAt) {
    /** The cookie a browser keeps the credential in; the dashboard sets it, the API's security reads it. */
    public static final String COOKIE = "marketplace-session";

    public StaffSession {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
