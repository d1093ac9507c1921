package dev.agentmarketplace.core.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.dispute.DisputeSettings;
import dev.agentmarketplace.core.dispute.EvidenceItem;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.LedgerEvents;
import dev.agentmarketplace.core.ledger.LedgerSettings;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.testing.InMemoryReputationRepository;
import dev.agentmarketplace.core.testing.LedgerFixture;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the reputation service wired as the ledger's settlement listener and the dispute desk's
 * outcome listener, as the application wires it. A settled hire is a success of its provider; a
 * refund is a lost dispute weighted by the share refunded.
 */
class SettledHiresFeedReputationTest {
    private static final AgentId PAYER = AgentId.of("orchestrator");
    private static final AgentId PROVIDER = AgentId.of("py-expert");
    private static final ReputationPolicy POLICY = ReputationPolicy.DEFAULTS;

    private final LedgerFixture world = new LedgerFixture();
    private final InMemoryReputationRepository reputations = new InMemoryReputationRepository(world.unitOfWork);
    private final ReputationService reputation =
            new ReputationService(reputations, world.transactions, world.agents, world.unitOfWork, world.clock, POLICY);
    private final Ledger ledger = new Ledger(
            world.transactions,
            world.journal,
            world.agents,
            world.statistics,
            world.unitOfWork,
            world.ids,
            world.clock,
            LedgerSettings.DEFAULTS,
            LedgerEvents.NONE,
            transaction -> false,
            reputation);
    private final DisputeDesk desk = new DisputeDesk(
            world.disputes,
            ledger,
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
    void settledHireCountsOnceAsASuccessOfItsProvider() {
        Transaction tx = hire("2.00");

        ledger.settle(tx.id(), Actor.agent(PAYER), Optional.empty());

        Reputation after = reputation.reputationOf(PROVIDER);
        assertThat(after.successes()).isEqualTo(1);
        assertThat(after.failures()).isZero();
        assertThat(after.effectiveObservations()).isCloseTo(POLICY.amountWeight(tx.amount()), within(1e-12));
        assertThat(after.score()).isGreaterThan(POLICY.priorMean());
        assertThat(reputation.history(PROVIDER))
                .singleElement()
                .isInstanceOfSatisfying(ReputationEvent.TaskOutcome.class, outcome -> {
                    assertThat(outcome.success()).isTrue();
                    assertThat(outcome.cause()).isEqualTo("transaction " + tx.id() + " settled");
                });
        assertThat(reputation.history(PAYER)).isEmpty();
    }

    @Test
    void settlementByPaymentCountsAsASuccessToo() {
        Transaction tx = hire("2.00");

        ledger.settleByPayment(tx.id(), "0xchain-hash");

        assertThat(reputation.reputationOf(PROVIDER).successes()).isEqualTo(1);
    }

    @Test
    void cancelledHireCountsNothing() {
        Transaction tx = hire("2.00");

        ledger.cancel(tx.id(), Actor.agent(PAYER));

        assertThat(reputation.history(PROVIDER)).isEmpty();
    }

    @Test
    void partialRefundAfterSettlementIsALostDisputeWeightedByTheRefundedShare() {
        Transaction tx = hire("2.00");
        ledger.settle(tx.id(), Actor.agent(PAYER), Optional.empty());
        Dispute dispute = open(tx);

        desk.resolve(dispute.id(), "ops-1", new DisputeOutcome.PartialRefund(Money.of("0.50", "USDC")), "part done");

        Reputation after = reputation.reputationOf(PROVIDER);
        assertThat(after.successes()).isEqualTo(1);
        assertThat(after.failures()).isEqualTo(1);
        double amountWeight = POLICY.amountWeight(tx.amount());
        // The success (weight 1) and a quarter of a lost dispute (weight 3 × 0.50 / 2.00).
        assertThat(after.effectiveObservations())
                .isCloseTo(amountWeight * (1 + POLICY.disputeLostWeight() * 0.25), within(1e-12));
        assertThat(reputation.history(PROVIDER))
                .last()
                .isInstanceOfSatisfying(
                        ReputationEvent.DisputeLost.class,
                        lost -> assertThat(lost.refundedShare()).isEqualTo(0.25));
    }

    @Test
    void partialRefundWeighsLessThanAFullRefund() {
        Transaction partly = hire("2.00");
        Transaction fully = hire("2.00");
        ledger.settle(partly.id(), Actor.agent(PAYER), Optional.empty());
        ledger.settle(fully.id(), Actor.agent(PAYER), Optional.empty());
        double settled = reputation.reputationOf(PROVIDER).score();

        desk.resolve(open(partly).id(), "ops-1", new DisputeOutcome.PartialRefund(Money.of("0.20", "USDC")), "n");
        double afterPartial = reputation.reputationOf(PROVIDER).score();
        desk.resolve(open(fully).id(), "ops-1", new DisputeOutcome.FullRefund(), "n");
        double afterFull = reputation.reputationOf(PROVIDER).score();

        assertThat(settled - afterPartial).isPositive().isLessThan(afterPartial - afterFull);
    }

    @Test
    void hireDisputedBeforeSettlingCountsTheKeptShareAsASuccessWhenResolved() {
        Transaction tx = hire("2.00");
        Dispute dispute = open(tx);

        desk.resolve(dispute.id(), "ops-1", new DisputeOutcome.PartialRefund(Money.of("0.50", "USDC")), "part done");

        Reputation after = reputation.reputationOf(PROVIDER);
        assertThat(after.successes()).isEqualTo(1);
        assertThat(after.failures()).isEqualTo(1);
        double amountWeight = POLICY.amountWeight(tx.amount());
        assertThat(after.effectiveObservations())
                .isCloseTo(amountWeight * (0.75 + POLICY.disputeLostWeight() * 0.25), within(1e-12));
    }

    @Test
    void upheldProviderOfAHireDisputedBeforeSettlingGetsItsSuccess() {
        Transaction tx = hire("2.00");
        Dispute dispute = open(tx);

        desk.resolve(dispute.id(), "ops-1", new DisputeOutcome.ProviderUpheld(), "delivered");

        assertThat(reputation.reputationOf(PROVIDER).successes()).isEqualTo(1);
        assertThat(reputation.reputationOf(PROVIDER).failures()).isZero();
    }

    @Test
    void upheldProviderOfASettledHireIsNotCountedTwice() {
        Transaction tx = hire("2.00");
        ledger.settle(tx.id(), Actor.agent(PAYER), Optional.empty());

        desk.resolve(open(tx).id(), "ops-1", new DisputeOutcome.ProviderUpheld(), "delivered");

        assertThat(reputation.history(PROVIDER)).hasSize(1);
    }

    private Transaction hire(String amount) {
        return ledger.hire(world.request("orchestrator", "py-expert", "python", amount))
                .transaction();
    }

    private Dispute open(Transaction tx) {
        return desk.open(tx.id(), PAYER, "wrong output", List.of(new EvidenceItem.Text("the tests fail")));
    }
}
