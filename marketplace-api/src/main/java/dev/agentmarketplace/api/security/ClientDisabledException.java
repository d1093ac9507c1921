package dev.agentmarketplace.api.security;

import io.quarkus.security.AuthenticationFailedException;

/** A genuine token of an agent whose client an admin disabled: answered as 401 {@code CLIENT_DISABLED}. */
public final class ClientDisabledException extends AuthenticationFailedException {
    public ClientDisabledException(String agent) {
        super("the client of agent '" + agent + "' is disabled; its tokens are refused");
    }
}
