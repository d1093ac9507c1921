package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.registry.RegistrySettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The ledger's configurable numbers.
 *
 * @param feeBasisPoints the platform's fee on a settlement, in basis points of the amount (default
 *     250, i.e. 2.5 %), rounded down to the currency's scale
 * @param disputeWindow how long after settlement either party may still dispute (default 7 days)
 * @param holdTimeout how long a hire may stay PENDING before its hold is voided (default 15 minutes)
 * @param heartbeatLease how long a provider's last heartbeat keeps it hireable (default 90 seconds)
 */
public record LedgerSettings(
        int feeBasisPoints, Duration disputeWindow, Duration holdTimeout, Duration heartbeatLease) {
    public static final LedgerSettings DEFAULTS = new LedgerSettings(
            250, Duration.ofDays(7), Duration.ofMinutes(15), RegistrySettings.DEFAULT_HEARTBEAT_LEASE);

    public LedgerSettings {
        if (feeBasisPoints < 0 || feeBasisPoints > 10_000) {
            throw new InvalidValueException("feeBasisPoints", "must be 0-10000, was " + feeBasisPoints);
        }
        positive("disputeWindow", disputeWindow);
        positive("holdTimeout", holdTimeout);
        positive("heartbeatLease", heartbeatLease);
    }

    public LedgerSettings withFeeBasisPoints(int basisPoints) {
        return new LedgerSettings(basisPoints, disputeWindow, holdTimeout, heartbeatLease);
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new InvalidValueException(field, "must be positive, was " + value);
        }
    }
}
