package dev.agentmarketplace.core.discovery;

/**
 * Port: counters that selection strategies share across replicas (ARCHITECTURE.md: state shared
 * by replicas lives in the database, not in a JVM field). Like a database sequence, an increment
 * is not undone when the surrounding unit of work fails: a skipped turn is harmless, a repeated
 * one across replicas is what must not happen.
 */
public interface SelectionStateStore {
    /**
     * Atomically increments the counter named {@code key} and returns its new value: 1 the first
     * time, and never the same value twice for one key, whatever the number of concurrent callers.
     */
    long next(String key);
}
