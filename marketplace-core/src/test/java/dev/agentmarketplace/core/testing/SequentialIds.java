package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.IdGenerator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Predictable ids for tests: 00000000-0000-4000-8000-000000000001, ...02, ... */
public final class SequentialIds implements IdGenerator {
    private final AtomicLong counter = new AtomicLong();

    @Override
    public UUID next() {
        return new UUID(0x0000000000004000L, 0x8000000000000000L | counter.incrementAndGet());
    }
}
