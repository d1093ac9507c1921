package dev.agentmarketplace.core;

/** Port: randomness, so random choices can be seeded and replayed in tests. */
@FunctionalInterface
public interface RandomSource {
    /** A uniformly distributed int in {@code [0, bound)}; {@code bound} is positive. */
    int nextInt(int bound);
}
