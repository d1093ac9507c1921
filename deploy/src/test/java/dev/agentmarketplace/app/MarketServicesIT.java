package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.discovery.AgentDiscovery;
import dev.agentmarketplace.core.discovery.Recommendation;
import dev.agentmarketplace.core.discovery.SelectionStrategy;
import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.dispute.EvidenceItem;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.ChainVerification;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.JournalVerifier;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.reputation.Reputation;
import dev.agentmarketplace.core.reputation.ReputationService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The assembled application's domain services over the real database: a hire is settled and
 * rated, another is disputed and refunded, and discovery, reputation and the journal all see it.
 * {@link MarketServicesOnPostgresIT} runs the same on PostgreSQL.
 */
@QuarkusTest
class MarketServicesIT {
    private static final AgentId PAYER = AgentId.of("orchestrator");
    private static final AgentId PROVIDER = AgentId.of("python-expert");
    private static final Capability PYTHON = Capability.of("python");

    @Inject
    RegistryFixture registry;

    @Inject
    Ledger ledger;

    @Inject
    TransactionQueries queries;

    @Inject
    JournalVerifier verifier;

    @Inject
    DisputeDesk disputes;

    @Inject
    ReputationService reputation;

    @Inject
    AgentDiscovery discovery;

    private int keys;

    @BeforeEach
    void registerAgents() {
        registry.clear();
        registry.register("orchestrator", "Orchestrator", Availability.ONLINE, "planning");
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");
        registry.register("python-novice", "Python Novice", Availability.ONLINE, "python");
    }

    @AfterEach
    void leaveNothingBehind() {
        registry.clear();
    }

    @Test
    void settledHireIsRatedAndTheRatingReachesDiscovery() {
        Transaction hired = hire();
        ledger.settle(hired.id(), Actor.agent(PAYER), Optional.of("0xfacilitator-hash"));

        Reputation rated = reputation.giveFeedback(PAYER, PROVIDER, hired.id(), new BigDecimal("5"));

        assertThat(rated.feedbackCount()).isEqualTo(1);
        assertThat(queries.get(hired.id()).transaction().state()).isEqualTo(TransactionState.SETTLED);
        List<Recommendation> ranked = discovery.recommend(PYTHON, 2, false);
        assertThat(ranked).extracting(r -> r.agent().id()).first().isEqualTo(PROVIDER);
        assertThat(discovery.analytics(PYTHON, Duration.ofHours(1)).hires()).isEqualTo(1);
        assertThat(verifier.verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void refundedDisputeCountsAgainstTheProvider() {
        Transaction hired = hire();
        ledger.settle(hired.id(), Actor.agent(PAYER), Optional.empty());
        Dispute dispute = disputes.open(
                hired.id(), PAYER, "nothing was delivered", List.of(new EvidenceItem.Text("empty output")));

        disputes.resolve(dispute.id(), "ops-1", new DisputeOutcome.FullRefund(), "provider did not deliver");

        assertThat(queries.get(hired.id()).transaction().state()).isEqualTo(TransactionState.RESOLVED);
        assertThat(reputation.reputationOf(PROVIDER).failures()).isEqualTo(1);
        assertThat(verifier.verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void roundRobinSelectionTakesTurnsThroughTheDatabase() {
        AgentId first =
                discovery.select(PYTHON, new SelectionStrategy.RoundRobin()).id();
        AgentId second =
                discovery.select(PYTHON, new SelectionStrategy.RoundRobin()).id();

        assertThat(List.of(first, second)).containsExactlyInAnyOrder(PROVIDER, AgentId.of("python-novice"));
    }

    private Transaction hire() {
        return ledger.hire(new HireRequest(
                        PAYER,
                        PROVIDER,
                        PYTHON,
                        RegistryFixture.PRICE,
                        "write a parser",
                        IdempotencyKey.of("market-services-%04d".formatted(++keys))))
                .transaction();
    }
}
