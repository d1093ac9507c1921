package dev.agentmarketplace.core;

import java.util.function.Supplier;

/**
 * Port: runs a piece of work atomically. Every repository write inside one {@link #execute} commits
 * together or not at all, and locks taken inside it (such as {@code findByIdForUpdate}) are held
 * until it ends. A domain exception thrown by the work rolls everything back and propagates.
 */
public interface UnitOfWork {
    <T> T execute(Supplier<T> work);

    default void run(Runnable work) {
        execute(() -> {
            work.run();
            return null;
        });
    }
}
