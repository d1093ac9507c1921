package dev.agentmarketplace.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.testing.LedgerFixture;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Ledger#allowedMoves}: what the state machine and the rules of who-may-move let each actor do now. */
class AllowedMovesTest {
    private static final AgentId PAYER = AgentId.of("orchestrator");
    private static final AgentId PROVIDER = AgentId.of("py-expert");
    private static final Actor OPERATOR = Actor.operator("ops-1");
    private static final Actor SWEEP = Actor.system("hold-timeout");

    private final LedgerFixture world = new LedgerFixture();

    @BeforeEach
    void registerAgents() {
        world.register(Agents.registration("orchestrator", "planning"));
        world.register(Agents.registration("py-expert", Money.of("1.50", "USDC"), 10, "python"));
        world.register(Agents.registration("bystander", "python"));
    }

    private TransactionId hire() {
        return world.ledger
                .hire(world.request("orchestrator", "py-expert", "python", "2.00"))
                .transaction()
                .id();
    }

    @Test
    void anOperatorMaySettleOrCancelAPendingHireButNotDisputeOrResolveIt() {
        TransactionId id = hire();

        assertThat(world.ledger.allowedMoves(id, OPERATOR)).containsExactly(LedgerMove.SETTLE, LedgerMove.CANCEL);
    }

    @Test
    void thePayerMaySettleCancelOrDisputeAPendingHireAndTheProviderOnlyDisputeIt() {
        TransactionId id = hire();

        assertThat(world.ledger.allowedMoves(id, Actor.agent(PAYER)))
                .containsExactly(LedgerMove.SETTLE, LedgerMove.CANCEL, LedgerMove.DISPUTE);
        assertThat(world.ledger.allowedMoves(id, Actor.agent(PROVIDER))).containsExactly(LedgerMove.DISPUTE);
        assertThat(world.ledger.allowedMoves(id, Actor.agent(AgentId.of("bystander"))))
                .isEmpty();
    }

    @Test
    void thePlatformMayExpireAHoldOnlyOnceItHasTimedOut() {
        TransactionId id = hire();
        assertThat(world.ledger.allowedMoves(id, SWEEP)).doesNotContain(LedgerMove.EXPIRE);

        world.clock.advance(world.ledger.settings().holdTimeout().plusSeconds(1));

        assertThat(world.ledger.allowedMoves(id, SWEEP)).contains(LedgerMove.EXPIRE);
    }

    @Test
    void aSettledHireOffersNothingToAnOperatorAndADisputeToThePartiesUntilTheWindowCloses() {
        TransactionId id = hire();
        world.ledger.settle(id, OPERATOR, Optional.empty());

        assertThat(world.ledger.allowedMoves(id, OPERATOR)).isEmpty();
        assertThat(world.ledger.allowedMoves(id, Actor.agent(PROVIDER))).containsExactly(LedgerMove.DISPUTE);

        world.clock.advance(world.ledger.settings().disputeWindow().plus(Duration.ofSeconds(1)));

        assertThat(world.ledger.allowedMoves(id, Actor.agent(PAYER))).isEmpty();
    }

    @Test
    void aDisputedHireOffersAnOperatorOnlyItsResolutionAndAResolvedOneNothing() {
        TransactionId id = hire();
        Dispute dispute = world.desk.open(id, PAYER, "nothing arrived", List.of());

        assertThat(world.ledger.allowedMoves(id, OPERATOR)).containsExactly(LedgerMove.RESOLVE);
        assertThat(world.ledger.allowedMoves(id, Actor.agent(PAYER))).isEmpty();

        world.desk.resolve(dispute.id(), "ops-1", new DisputeOutcome.FullRefund(), "refunded");

        assertThat(world.ledger.allowedMoves(id, OPERATOR)).isEmpty();
    }

    @Test
    void aCancelledHireOffersNothingToAnyone() {
        TransactionId id = hire();
        world.ledger.cancel(id, OPERATOR);

        for (Actor actor : List.of(OPERATOR, SWEEP, Actor.agent(PAYER), Actor.agent(PROVIDER))) {
            assertThat(world.ledger.allowedMoves(id, actor))
                    .as(actor.toString())
                    .isEmpty();
        }
    }

    @Test
    void aPendingHireWhoseX402PaymentDecidesOffersNoHandMoveAtAll() {
        Ledger paid = new Ledger(
                world.transactions,
                world.journal,
                world.agents,
                world.statistics,
                world.unitOfWork,
                world.ids,
                world.clock,
                LedgerSettings.DEFAULTS,
                LedgerEvents.NONE,
                transaction -> true);
        TransactionId id = hire();
        world.clock.advance(LedgerSettings.DEFAULTS.holdTimeout().plusSeconds(1));

        for (Actor actor : List.of(OPERATOR, SWEEP, Actor.agent(PAYER), Actor.agent(PROVIDER))) {
            assertThat(paid.allowedMoves(id, actor)).as(actor.toString()).isEmpty();
        }
    }

    @Test
    void everyAllowedMoveIsOneTheTransitionTableAllowsFromTheState() {
        TransactionId pending = hire();
        TransactionId settled = hire();
        world.ledger.settle(settled, OPERATOR, Optional.empty());
        TransactionId disputed = hire();
        world.desk.open(disputed, PROVIDER, "paid too little", List.of());

        for (TransactionId id : List.of(pending, settled, disputed)) {
            TransactionState state = world.queries.get(id).transaction().state();
            for (Actor actor : List.of(OPERATOR, SWEEP, Actor.agent(PAYER), Actor.agent(PROVIDER))) {
                assertThat(world.ledger.allowedMoves(id, actor))
                        .allSatisfy(move ->
                                assertThat(TransitionTable.target(state, move)).isPresent());
            }
        }
    }

    @Test
    void anUnknownTransactionIsNotFound() {
        TransactionId unknown = TransactionId.of("00000000-0000-4000-8000-000000000099");

        assertThatThrownBy(() -> world.ledger.allowedMoves(unknown, OPERATOR))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TRANSACTION_NOT_FOUND));
    }
}
