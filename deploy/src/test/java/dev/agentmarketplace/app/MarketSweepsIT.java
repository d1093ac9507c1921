package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.ledger.Transition;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sweep voids holds left unsettled past the configured hold timeout, acting as the platform. */
@QuarkusTest
@TestProfile(MarketSweepsIT.ShortHolds.class)
class MarketSweepsIT {
    @Inject
    RegistryFixture registry;

    @Inject
    Ledger ledger;

    @Inject
    TransactionQueries queries;

    @Inject
    MarketSweeps sweeps;

    /** Holds expire after a millisecond. */
    public static class ShortHolds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("marketplace.ledger.hold-timeout", "PT0.001S");
        }
    }

    @Test
    void unsettledHoldIsVoidedByTheSweep() throws InterruptedException {
        registry.clear();
        registry.register("sweep-payer", "Payer", Availability.ONLINE, "planning");
        registry.register("sweep-provider", "Provider", Availability.ONLINE, "python");
        Transaction hired = ledger.hire(new HireRequest(
                        AgentId.of("sweep-payer"),
                        AgentId.of("sweep-provider"),
                        Capability.of("python"),
                        RegistryFixture.PRICE,
                        "task",
                        IdempotencyKey.of("sweep-test-key-0001")))
                .transaction();
        Thread.sleep(20); // past the 1 ms hold timeout

        sweeps.sweep();

        Transaction swept = queries.get(hired.id()).transaction();
        assertThat(swept.state()).isEqualTo(TransactionState.CANCELLED);
        Transition last = swept.timeline().getLast();
        assertThat(last.actor().id()).isEqualTo("hold-timeout");
        registry.clear();
    }
}
