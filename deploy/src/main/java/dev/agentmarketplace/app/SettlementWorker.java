package dev.agentmarketplace.app;

import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.payment.PaidHire;
import dev.agentmarketplace.core.payment.PaidHiring;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Drains the settlement outbox: payments whose first attempt was undecided, whose claimer died, or
 * that were taken while no facilitator was configured. Every replica drains; the outbox's claims let
 * exactly one of them send each payment, so draining everywhere is safe.
 */
@ApplicationScoped
public class SettlementWorker {
    private static final Logger LOG = Logger.getLogger(SettlementWorker.class);
    private static final int BATCH = 50;

    private final PaidHiring hiring;

    SettlementWorker(PaidHiring hiring) {
        this.hiring = hiring;
    }

    @Scheduled(
            identity = "x402-settlements",
            every = "${marketplace.x402.settlement.interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void drain() {
        List<TransactionId> due = hiring.dueSettlements(BATCH);
        for (TransactionId id : due) {
            try {
                PaidHire after = hiring.settle(id);
                LOG.infof(
                        "Settlement of transaction %s: payment %s after %d attempts",
                        id, after.payment().state(), after.payment().attempts());
            } catch (RuntimeException e) {
                // One payment's trouble must not hold up the others; it stays due and is tried again.
                LOG.errorf(e, "Settlement of transaction %s failed; it will be retried", id);
            }
        }
    }
}
