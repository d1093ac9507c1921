package dev.agentmarketplace.app;

import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.persistence.ledger.JournalChainer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Voids holds that expired unsettled and lets the dispute rules decide overdue disputes. Every
 * replica sweeps; the core skips what another replica changed first, so sweeping twice is harmless.
 * It also chains journal entries left queued (by a replica that stopped between a move's commit and
 * its chaining, or a round that failed); chaining takes the head's lock, so replicas take turns.
 */
@ApplicationScoped
public class MarketSweeps {
    private static final Logger LOG = Logger.getLogger(MarketSweeps.class);

    private final Ledger ledger;
    private final DisputeDesk disputes;
    private final Clock clock;
    private final JournalChainer chainer;

    MarketSweeps(Ledger ledger, DisputeDesk disputes, Clock clock, JournalChainer chainer) {
        this.ledger = ledger;
        this.disputes = disputes;
        this.clock = clock;
        this.chainer = chainer;
    }

    @Scheduled(
            identity = "journal-chain-sweep",
            every = "${marketplace.ledger.chain-sweep-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void chainLeftovers() {
        long chained = chainer.sweep();
        if (chained > 0) {
            LOG.infof("Sweep: %d journal entries left queued were chained", chained);
        }
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
