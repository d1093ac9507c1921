package dev.agentmarketplace.core.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentStatus;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.registry.RegistrySettings;
import dev.agentmarketplace.core.reputation.ReputationPolicy;
import dev.agentmarketplace.core.reputation.ReputationService;
import dev.agentmarketplace.core.testing.InMemoryReputationRepository;
import dev.agentmarketplace.core.testing.LedgerFixture;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentOversightTest {
    private static final AgentId PAYER = AgentId.of("orchestrator");
    private static final AgentId PROVIDER = AgentId.of("py-expert");

    private final LedgerFixture world = new LedgerFixture();
    private final ReputationService reputation = new ReputationService(
            new InMemoryReputationRepository(world.unitOfWork),
            world.transactions,
            world.agents,
            world.unitOfWork,
            world.clock,
            ReputationPolicy.DEFAULTS);
    private final AgentOversight oversight =
            new AgentOversight(world.catalog, world.ledger, reputation, world.queries, world.clock);

    @BeforeEach
    void registerAgents() {
        world.register(Agents.registration("orchestrator", "planning"));
        world.register(Agents.registration("py-expert", Money.of("1.50", "USDC"), 4, "python"));
    }

    private Transaction hire() {
        Transaction hired = world.ledger
                .hire(world.request("orchestrator", "py-expert", "python", "2.00"))
                .transaction();
        world.clock.advance(Duration.ofSeconds(1));
        return hired;
    }

    @Test
    void overviewGathersLeaseCapacityReputationAndLatestTransactions() {
        Transaction first = hire();
        Transaction second = hire();
        Transaction third = hire();
        world.ledger.cancel(second.id(), Actor.agent(PAYER));
        reputation.adjust(PROVIDER, new BigDecimal("0.5"), "fast answers", "ops-1");

        AgentOverview overview = oversight.overview(PROVIDER, 60, 2);

        assertThat(overview.status()).isEqualTo(AgentStatus.ONLINE);
        assertThat(overview.leaseExpiresAt())
                .isEqualTo(overview.agent().lastSeenAt().plus(RegistrySettings.DEFAULTS.heartbeatLease()));
        assertThat(overview.leaseLapsed()).isFalse();
        assertThat(overview.capacity().hires()).isEqualTo(2);
        assertThat(overview.capacity().capacityPerHour()).isEqualTo(4);
        assertThat(overview.reputation()).isEqualTo(reputation.reputationOf(PROVIDER));
        assertThat(overview.trend())
                .singleElement()
                .satisfies(point -> assertThat(point.score()).isEqualTo(3.5));
        assertThat(overview.recentTransactions())
                .containsExactly(
                        world.transactions.findById(third.id()).orElseThrow(),
                        world.transactions.findById(second.id()).orElseThrow());
        assertThat(overview.moreTransactions()).isTrue();
        assertThat(oversight
                        .overview(PROVIDER, 60, 3)
                        .recentTransactions()
                        .getLast()
                        .id())
                .isEqualTo(first.id());
        assertThat(oversight.overview(PROVIDER, 60, 3).moreTransactions()).isFalse();
    }

    @Test
    void lapsedLeaseAndDeregistrationShowInTheStatus() {
        world.clock.advance(RegistrySettings.DEFAULTS.heartbeatLease().plusSeconds(1));
        AgentOverview lapsed = oversight.overview(PROVIDER, 10, 5);
        assertThat(lapsed.status()).isEqualTo(AgentStatus.OFFLINE);
        assertThat(lapsed.leaseLapsed()).isTrue();

        world.catalog.deregister(PROVIDER);

        assertThat(oversight.overview(PROVIDER, 10, 5).status()).isEqualTo(AgentStatus.DEREGISTERED);
    }

    @Test
    void unknownAgentAndOutOfRangeCountsAreRefused() {
        assertThatThrownBy(() -> oversight.overview(AgentId.of("nobody"), 10, 5))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AGENT_NOT_FOUND));
        assertThatThrownBy(() -> oversight.overview(PROVIDER, 10, 0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> oversight.overview(PROVIDER, 0, 5)).isInstanceOf(InvalidValueException.class);
    }
}
