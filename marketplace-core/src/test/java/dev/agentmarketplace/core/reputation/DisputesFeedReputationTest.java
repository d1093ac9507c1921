package dev.agentmarketplace.core.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.dispute.DisputeSettings;
import dev.agentmarketplace.core.dispute.EvidenceItem;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.testing.InMemoryReputationRepository;
import dev.agentmarketplace.core.testing.LedgerFixture;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reputation service wired as the dispute desk's outcome listener, as the application wires it. */
class DisputesFeedReputationTest {
    private static final AgentId PAYER = AgentId.of("orchestrator");
    private static final AgentId PROVIDER = AgentId.of("py-expert");

    private final LedgerFixture world = new LedgerFixture();
    private final InMemoryReputationRepository reputations = new InMemoryReputationRepository(world.unitOfWork);
    private final ReputationService reputation = new ReputationService(
            reputations, world.transactions, world.agents, world.unitOfWork, world.clock, ReputationPolicy.DEFAULTS);
    private final DisputeDesk desk = new DisputeDesk(
            world.disputes,
            world.ledger,
            world.unitOfWork,
            world.ids,
            world.clock,
            DisputeSettings.DEFAULTS,
            DisputeDesk.defaultRules(),
            reputation);

    @BeforeEach
    void registerAgents() {
        world.register(Agents.registration("orchestrator", "planning"));
        world.register(Agents.registration("py-expert", "python"));
    }

    @Test
    void refundedDisputeCountsAsAFailureOfTheProvider() {
        Dispute dispute = disputedSettledHire();

        desk.resolve(dispute.id(), "ops-1", new DisputeOutcome.PartialRefund(Money.of("0.50", "USDC")), "half done");

        assertThat(reputation.history(PROVIDER))
                .singleElement()
                .isInstanceOfSatisfying(
                        ReputationEvent.DisputeLost.class,
                        lost -> assertThat(lost.transaction()).isEqualTo(dispute.transactionId()));
        Reputation after = reputation.reputationOf(PROVIDER);
        assertThat(after.failures()).isEqualTo(1);
        assertThat(after.score()).isLessThan(ReputationPolicy.DEFAULTS.priorMean());
    }

    @Test
    void silentProviderLosesByRuleAndThatCountsToo() {
        Dispute dispute = disputedSettledHire();
        world.clock.advance(DisputeSettings.DEFAULTS.evidenceWindow().plus(Duration.ofMinutes(1)));

        assertThat(desk.resolveOverdue(world.clock.instant()))
                .extracting(Dispute::id)
                .containsExactly(dispute.id());

        assertThat(reputation.history(PROVIDER)).singleElement().isInstanceOf(ReputationEvent.DisputeLost.class);
    }

    @Test
    void upheldProviderKeepsItsReputation() {
        Dispute dispute = disputedSettledHire();

        desk.resolve(dispute.id(), "ops-1", new DisputeOutcome.ProviderUpheld(), "delivered as agreed");

        assertThat(reputation.history(PROVIDER)).isEmpty();
    }

    private Dispute disputedSettledHire() {
        Transaction tx = world.ledger
                .hire(world.request("orchestrator", "py-expert", "python", "2.00"))
                .transaction();
        world.ledger.settle(tx.id(), Actor.agent(PAYER), Optional.empty());
        return desk.open(tx.id(), PAYER, "wrong output", List.of(new EvidenceItem.Text("the tests fail")));
    }
}
