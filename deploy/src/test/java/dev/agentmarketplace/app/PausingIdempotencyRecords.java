package dev.agentmarketplace.app;

import dev.agentmarketplace.core.idempotency.StoredResponse;
import dev.agentmarketplace.persistence.idempotency.PanacheIdempotencyRecords;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's idempotency records, with a test hook: once armed, the next request to keep its
 * answer stops just before doing so (its work done, its answer not yet kept) until the test lets it
 * go, so a test can make its database connection die at that point, as when its replica is killed.
 * Unarmed, it is the real adapter.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class PausingIdempotencyRecords extends PanacheIdempotencyRecords {
    private static final AtomicReference<Pause> ARMED = new AtomicReference<>();

    /** Where one request stopped, and the switch that lets it go on. */
    public static final class Pause {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch resume = new CountDownLatch(1);

        /** Waits until a request has stopped at the hook. */
        public void awaitReached() throws InterruptedException {
            if (!reached.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("no request reached the point where it keeps its answer");
            }
        }

        public void resume() {
            resume.countDown();
        }
    }

    /** The next request that keeps an answer stops there, once. */
    static Pause arm() {
        Pause pause = new Pause();
        ARMED.set(pause);
        return pause;
    }

    static void disarm() {
        Pause pause = ARMED.getAndSet(null);
        if (pause != null) {
            pause.resume();
        }
    }

    @Override
    public void complete(String caller, String key, StoredResponse response) {
        Pause pause = ARMED.getAndSet(null);
        if (pause != null) {
            pause.reached.countDown();
            try {
                pause.resume.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.complete(caller, key, response);
    }
}
