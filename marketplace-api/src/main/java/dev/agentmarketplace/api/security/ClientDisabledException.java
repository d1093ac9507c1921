package dev.agentmarketplace.api.security;

import io.quarkus.security.AuthenticationFailedException;

/**
 * Why a genuine token of an agent was refused: an admin disabled its client. It travels as the cause
 * of the {@link AuthenticationFailedException} (a final class) that fails the authentication, and is
 * answered as 401 {@code CLIENT_DISABLED}.
 */
public final class ClientDisabledException extends RuntimeException {
    private ClientDisabledException(String agent) {
        super("the client of agent '" + agent + "' is disabled; its tokens are refused", null, false, false);
    }

    /** The authentication failure for a token of {@code agent}, carrying this as its cause. */
    public static AuthenticationFailedException refusing(String agent) {
        ClientDisabledException cause = new ClientDisabledException(agent);
        return new AuthenticationFailedException(cause.getMessage(), cause);
    }
}
