package dev.agentmarketplace.app;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code marketplace.ledger.*}: fees and timing of the ledger. Unset properties take the defaults of
 * the core's {@code LedgerSettings}, which is the one place they are defined.
 */
@ConfigMapping(prefix = "marketplace.ledger")
public interface LedgerConfig {
    /** Platform fee on settlement, in basis points of the amount (default 250). */
    OptionalInt feeBasisPoints();

    /** How long after settlement a transaction may still be disputed (default 7 days). */
    Optional<Duration> disputeWindow();

    /** How long a hire may stay PENDING before its hold is voided (default 15 minutes). */
    Optional<Duration> holdTimeout();

    /** How often each replica sweeps expired holds and overdue disputes (default 30 s). */
    Optional<Duration> sweepInterval();
}
