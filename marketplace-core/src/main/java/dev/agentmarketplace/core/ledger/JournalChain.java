package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.UnitOfWork;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Links queued entries ({@link JournalRepository#enqueue}) into the hash chain, oldest first, up to
 * {@link #BATCH} per unit of work. The head is locked for one batch at a time, not for every move:
 * a batch of many entries costs one lock and one commit, which is what lets hires and settlements
 * of different transactions run side by side. Entries of one transaction queue in the order of its
 * moves (each move locks the transaction and commits before the next can start), so the chain keeps
 * that order.
 */
public final class JournalChain {
    /** Entries chained in one unit of work: enough to absorb a burst, small enough to keep it short. */
    public static final int BATCH = 500;

    private final JournalRepository journal;
    private final UnitOfWork unitOfWork;

    public JournalChain(JournalRepository journal, UnitOfWork unitOfWork) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
    }

    /** Chains the next batch of queued entries in one unit of work; returns how many. */
    public int chainNextBatch() {
        return unitOfWork.execute(() -> {
            JournalHead head = journal.lockHead();
            List<UnchainedEntry> queued = journal.unchained(BATCH);
            if (queued.isEmpty()) {
                return 0;
            }
            List<JournalEntry> chained = new ArrayList<>(queued.size());
            for (UnchainedEntry entry : queued) {
                JournalEntry next = entry.chainedAfter(head);
                chained.add(next);
                head = new JournalHead(next.sequence(), next.hash());
            }
            journal.appendAll(chained);
            return chained.size();
        });
    }

    /** Chains what is queued, after a cheap look (without the head's lock) whether anything is; returns how many. */
    public long chainQueued() {
        if (unitOfWork.execute(() -> journal.unchained(1)).isEmpty()) {
            return 0;
        }
        return chainAll();
    }

    /** Chains batches until the queue is empty as this call saw it; returns how many entries. */
    public long chainAll() {
        long total = 0;
        int batch;
        do {
            batch = chainNextBatch();
            total += batch;
        } while (batch == BATCH);
        return total;
    }
}
