package dev.agentmarketplace.app;

import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.TransactionId;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Voids holds that expired unsettled and lets the dispute rules decide overdue disputes. Every
 * replica sweeps; the core skips what another replica changed first, so sweeping twice is harmless.
 */
@ApplicationScoped
public class MarketSweeps {
    private static final Logger LOG = Logger.getLogger(MarketSweeps.class);

    private final Ledger ledger;
    private final DisputeDesk disputes;
    private final Clock clock;

    MarketSweeps(Ledger ledger, DisputeDesk disputes, Clock clock) {
        this.ledger = ledger;
        this.disputes = disputes;
        this.clock = clock;
    }

    @Scheduled(
            identity = "market-sweeps",
            every = "${marketplace.ledger.sweep-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        Instant now = clock.instant();
        List<TransactionId> expired = ledger.expireHolds(now);
        List<Dispute> decided = disputes.resolveOverdue(now);
        if (!expired.isEmpty() || !decided.isEmpty()) {
            LOG.infof(
                    "Sweep: %d expired holds voided, %d overdue disputes decided by rule",
                    expired.size(), decided.size());
        }
    }
}
