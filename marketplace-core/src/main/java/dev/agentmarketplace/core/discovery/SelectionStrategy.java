package dev.agentmarketplace.core.discovery;

import java.util.OptionalLong;

/** How {@link AgentDiscovery#select} picks one agent among the online candidates. */
public sealed interface SelectionStrategy {
    /** Each candidate in turn (by agent id), the turn shared by every replica through {@link SelectionStateStore}. */
    record RoundRobin() implements SelectionStrategy {}

    /** The candidate with the lowest load (hires in the last hour ÷ capacity per hour), ties by agent id. */
    record LeastLoaded() implements SelectionStrategy {}

    /**
     * A uniformly random candidate: from the {@link dev.agentmarketplace.core.RandomSource} port, or,
     * with a seed, from a generator seeded with it, so equal seeds over equal candidates give equal picks.
     */
    record Random(OptionalLong seed) implements SelectionStrategy {
        public Random {
            seed = seed == null ? OptionalLong.empty() : seed;
        }

        public static Random seeded(long seed) {
            return new Random(OptionalLong.of(seed));
        }

        public static Random unseeded() {
            return new Random(OptionalLong.empty());
        }
    }
}
