package dev.agentmarketplace.core.access;

import java.time.Instant;

/** Port: the sign-in links already used, shared by every replica so a link signs in once in all. */
public interface RedeemedSignInLinks {
    /**
     * Records that link {@code id} was used at {@code at}; of several replicas redeeming one link at
     * once, exactly one gets {@code true}.
     *
     * @return false when the link had been redeemed before
     */
    boolean redeem(String id, Instant expiresAt, Instant at);
}
