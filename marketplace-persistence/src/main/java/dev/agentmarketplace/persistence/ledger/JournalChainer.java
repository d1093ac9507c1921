package dev.agentmarketplace.persistence.ledger;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.JournalChain;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Runs {@link JournalChain} on one thread of this replica, in rounds: every commit that queued an
 * entry asks for a round that starts after it, and the thread that committed waits for that round
 * ({@link #awaitRequestedRound}, called by the outermost unit of work), so a move's caller reads its
 * entry in the chain. Requests that arrive while a round runs share the next one: under load one
 * round chains the entries of many moves, with one lock of the head and one commit. A round that
 * fails (the database went away) leaves its entries queued for the next round or {@link #sweep}.
 */
@ApplicationScoped
public class JournalChainer {
    /** How long a move's caller waits for its entry to be chained before it answers without waiting longer. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(JournalChainer.class);

    private final JournalChain chain;
    private final ThreadLocal<CompletableFuture<Void>> requested = new ThreadLocal<>();
    private final ExecutorService rounds = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("journal-chainer").daemon().factory());
    private CompletableFuture<Void> nextRound = new CompletableFuture<>();
    private boolean nextRoundWanted;
    private boolean running;

    JournalChainer(PanacheJournalRepository journal, UnitOfWork unitOfWork) {
        this.chain = new JournalChain(journal, unitOfWork);
    }

    /** After a commit that queued entries: a round starts after this, and this thread may wait for it. */
    void requestRound() {
        CompletableFuture<Void> round;
        synchronized (this) {
            round = nextRound;
            nextRoundWanted = true;
            if (!running) {
                running = true;
                rounds.execute(this::runRounds);
            }
        }
        requested.set(round);
    }

    /** Waits until the round this thread asked for has chained its entries; returns at once if it asked for none. */
    public void awaitRequestedRound() {
        CompletableFuture<Void> round = requested.get();
        if (round == null) {
            return;
        }
        requested.remove();
        try {
            round.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("journal entries were not chained within %s; they stay queued and are chained later", WAIT);
        } catch (ExecutionException e) {
            LOG.warn("chaining journal entries failed; they stay queued and are chained later", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Chains whatever is queued, from any replica (one that stopped before chaining, say); returns how many. */
    public long sweep() {
        return chain.chainQueued();
    }

    @PreDestroy
    void stop() {
        rounds.shutdownNow();
    }

    private void runRounds() {
        while (true) {
            CompletableFuture<Void> round;
            synchronized (this) {
                if (!nextRoundWanted) {
                    running = false;
                    return;
                }
                // Every commit that asked for this round committed before it starts: its entries are
                // visible to the round's read of the queue, or another replica chained them already.
                round = nextRound;
                nextRound = new CompletableFuture<>();
                nextRoundWanted = false;
            }
            try {
                chain.chainAll();
                round.complete(null);
            } catch (RuntimeException e) {
                round.completeExceptionally(e);
            }
        }
    }
}
