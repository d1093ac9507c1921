package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.discovery.AgentDiscovery;
import dev.agentmarketplace.core.discovery.SearchCriteria;
import dev.agentmarketplace.core.discovery.SearchSort;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.discovery.ProviderLoadCounters;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The application's load sweep (issue 13): a minute of hires that has left the window stops
 * counting in discovery once the sweep has run, and hires still inside it keep counting.
 */
@QuarkusTest
class LoadSweepIT {
    @Inject
    RegistryFixture registry;

    @Inject
    ProviderLoadCounters load;

    @Inject
    TransactionalUnitOfWork transactions;

    @Inject
    AgentDiscovery discovery;

    @Inject
    LoadSweep sweep;

    @Inject
    Clock clock;

    @AfterEach
    void clear() {
        registry.clear();
    }

    @Test
    void hiresWhoseMinuteLeftTheWindowStopCountingOnceTheSweepHasRun() {
        registry.clear();
        registry.register("sweep-aged", "Aged", Availability.ONLINE, "python");
        registry.register("sweep-steady", "Steady", Availability.ONLINE, "python");
        Instant now = clock.instant();
        // Counted when made, an hour and two minutes ago; the other agent's hire is recent.
        transactions.run(() -> load.hired(AgentId.of("sweep-aged"), now.minus(Duration.ofMinutes(62)), 4));
        transactions.run(() -> load.hired(AgentId.of("sweep-steady"), now.minus(Duration.ofMinutes(5)), 2));

        assertThat(byLoad()).containsExactly("sweep-steady:2", "sweep-aged:4");

        sweep.sweep();

        assertThat(byLoad()).containsExactly("sweep-aged:0", "sweep-steady:2");
    }

    /** The python agents, least loaded first, each with the hires discovery counts for it. */
    private List<String> byLoad() {
        return discovery
                .search(SearchCriteria.of(
                        Set.of(Capability.of("python")), EnumSet.of(Availability.ONLINE), SearchSort.LOAD, 10))
                .hits()
                .stream()
                .map(hit -> hit.agent().id().value() + ":" + hit.recentHires())
                .toList();
    }
}
