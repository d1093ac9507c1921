package dev.agentmarketplace.app;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code marketplace.ledger.*} and {@code marketplace.disputes.*}: money and dispute timing. Unset
 * properties take the defaults of the core's {@code LedgerSettings} and {@code DisputeSettings}.
 */
@ConfigMapping(prefix = "marketplace")
public interface LedgerConfig {
    Ledger ledger();

    Disputes disputes();

    interface Ledger {
        /** Platform fee on settlement, in basis points of the amount (default 250). */
        OptionalInt feeBasisPoints();

        /** How long after settlement a transaction may still be disputed (default 7 days). */
        Optional<Duration> disputeWindow();

        /** How long a hire may stay PENDING before its hold is voided (default 15 minutes). */
        Optional<Duration> holdTimeout();

        /** How often this replica sweeps expired holds and overdue disputes (default 30 s). */
        Optional<Duration> sweepInterval();
    }

    interface Disputes {
        /** How long after opening the parties may add evidence (default 72 hours). */
        Optional<Duration> evidenceWindow();
    }
}
