package dev.agentmarketplace.core.reputation;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.RuleViolationException;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.dispute.DisputeOutcomeListener;
import dev.agentmarketplace.core.ledger.SettlementListener;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Records what moves reputations and answers what they are. Every recorded event is appended to
 * the agent's history and refreshes its {@link ReputationSummary} and {@link ReputationTally} in the
 * same unit of work.
 */
public final class ReputationService implements DisputeOutcomeListener, SettlementListener {
    public static final int MAX_TREND_POINTS = 500;

    private final ReputationRepository reputations;
    private final TransactionRepository transactions;
    private final AgentRepository agents;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final ReputationPolicy policy;
    private final ReputationCalculator calculator;

    public ReputationService(
            ReputationRepository reputations,
            TransactionRepository transactions,
            AgentRepository agents,
            UnitOfWork unitOfWork,
            Clock clock,
            ReputationPolicy policy) {
        this.reputations = Objects.requireNonNull(reputations, "reputations");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.calculator = new ReputationCalculator(policy);
    }

    /** A finished (success) or failed task of {@code agent}, weighted by {@code weight} and the amount paid, if any. */
    public Reputation recordTaskOutcome(
            AgentId agent, boolean success, double weight, Optional<Money> amount, String cause) {
        double amountWeight = amount.map(policy::amountWeight).orElse(1.0);
        return unitOfWork.execute(() ->
                record(new ReputationEvent.TaskOutcome(agent, clock.instant(), amountWeight, success, weight, cause)));
    }

    /**
     * A payer rates the provider of one of its transactions. Sybil resistance (issue 3, Reputation):
     * only the payer of a settled, never disputed transaction may rate, only its provider, and only
     * once per transaction, so every rating is backed by a real, paid and accepted hire.
     *
     * @throws NotFoundException with {@code TRANSACTION_NOT_FOUND} for an unknown transaction
     * @throws RuleViolationException with {@code FEEDBACK_NOT_ALLOWED} naming the rule that failed
     * @throws ConflictException with {@code FEEDBACK_ALREADY_GIVEN} for a second rating of one transaction
     */
    public Reputation giveFeedback(AgentId rater, AgentId provider, TransactionId transactionId, BigDecimal rating) {
        return unitOfWork.execute(() -> {
            Transaction transaction = transactions
                    .findById(transactionId)
                    .orElseThrow(() -> new NotFoundException(
                            ErrorCode.TRANSACTION_NOT_FOUND, "no transaction has id '" + transactionId + "'"));
            checkEligible(rater, provider, transaction);
            if (reputations.hasFeedbackFor(transactionId)) {
                throw feedbackAlreadyGiven(transactionId);
            }
            return record(new ReputationEvent.Feedback(
                    provider,
                    clock.instant(),
                    policy.amountWeight(transaction.amount()),
                    rating,
                    policy.feedbackWeight(),
                    rater,
                    transactionId));
        });
    }

    /** An operator's correction of a score, with the reason the audit trail keeps. */
    public Reputation adjust(AgentId agent, BigDecimal delta, String reason, String operator) {
        return unitOfWork.execute(
                () -> record(new ReputationEvent.OperatorAdjustment(agent, clock.instant(), delta, reason, operator)));
    }

    /** The provider of {@code transactionId} lost its dispute: a heavy zero rating. */
    public Reputation recordDisputeLost(TransactionId transactionId) {
        return unitOfWork.execute(() -> {
            Transaction transaction = transactions
                    .findById(transactionId)
                    .orElseThrow(() -> new NotFoundException(
                            ErrorCode.TRANSACTION_NOT_FOUND, "no transaction has id '" + transactionId + "'"));
            return record(new ReputationEvent.DisputeLost(
                    transaction.provider(), clock.instant(), policy.amountWeight(transaction.amount()), transactionId));
        });
    }

    /**
     * Issue 11: a settled hire is a successful task of its provider, weighted by its amount. The
     * ledger calls this once per transaction, in the unit of work that settles it (a transaction
     * settles at most once), with the provider already locked (lock order, see the core's README).
     */
    @Override
    public void settled(Transaction settled) {
        record(new ReputationEvent.TaskOutcome(
                settled.provider(),
                clock.instant(),
                policy.amountWeight(settled.amount()),
                true,
                1,
                "transaction " + settled.id() + " settled"));
    }

    /**
     * Issues 3 and 11: a lost dispute counts as a failure of the provider weighted by the share
     * refunded; a hire disputed before it settled also counts the share the provider keeps as a
     * success, since it never settled to count as one.
     */
    @Override
    public void providerLostDispute(AgentId provider, TransactionId transaction, double refundedShare, Instant at) {
        unitOfWork.run(() -> {
            Transaction disputed = load(transaction);
            record(new ReputationEvent.DisputeLost(
                    disputed.provider(),
                    clock.instant(),
                    policy.amountWeight(disputed.amount()),
                    transaction,
                    refundedShare));
            recordKeptShare(disputed, 1 - refundedShare);
        });
    }

    /**
     * An upheld provider is not rewarded beyond its settled hire, which already counted as a success;
     * a hire disputed before it settled counts as one now.
     */
    @Override
    public void providerUpheld(AgentId provider, TransactionId transaction, Instant at) {
        unitOfWork.run(() -> recordKeptShare(load(transaction), 1));
    }

    /** The success a hire disputed while PENDING never got from settling: weighted by the share kept. */
    private void recordKeptShare(Transaction resolved, double keptShare) {
        if (resolved.settledAt().isPresent() || keptShare <= 0) {
            return;
        }
        record(new ReputationEvent.TaskOutcome(
                resolved.provider(),
                clock.instant(),
                policy.amountWeight(resolved.amount()),
                true,
                keptShare,
                "transaction " + resolved.id() + " resolved, provider kept share " + keptShare));
    }

    private Transaction load(TransactionId transactionId) {
        return transactions
                .findById(transactionId)
                .orElseThrow(() -> new NotFoundException(
                        ErrorCode.TRANSACTION_NOT_FOUND, "no transaction has id '" + transactionId + "'"));
    }

    /**
     * The reputation now, decay included (the stored summary is as of the last event): the stored
     * tally decayed to now, or for an agent without one, its history.
     *
     * @throws NotFoundException with {@code AGENT_NOT_FOUND} for an unknown agent
     */
    public Reputation reputationOf(AgentId agent) {
        requireAgent(agent);
        Instant now = clock.instant();
        return reputations
                .tallyOf(agent)
                .map(tally -> calculator.reputation(agent, tally, now))
                .orElseGet(() -> calculator.compute(agent, reputations.history(agent), now));
    }

    /**
     * Every event of the agent's reputation, oldest first, each with its time and cause.
     *
     * @throws NotFoundException with {@code AGENT_NOT_FOUND} for an unknown agent
     */
    public List<ReputationEvent> history(AgentId agent) {
        requireAgent(agent);
        return reputations.history(agent);
    }

    /**
     * The reputation after each of the agent's last {@code limit} events, oldest first: the points
     * of a chart of its score and interval over time.
     *
     * @throws NotFoundException with {@code AGENT_NOT_FOUND} for an unknown agent
     */
    public List<ReputationPoint> trend(AgentId agent, int limit) {
        if (limit < 1 || limit > MAX_TREND_POINTS) {
            throw new InvalidValueException("limit", "must be between 1 and " + MAX_TREND_POINTS + ", was " + limit);
        }
        requireAgent(agent);
        return reputations.recentPoints(agent, limit);
    }

    public static ConflictException feedbackAlreadyGiven(TransactionId transaction) {
        return new ConflictException(
                ErrorCode.FEEDBACK_ALREADY_GIVEN,
                "transaction '" + transaction + "' already has feedback; a payer rates a transaction once");
    }

    private Reputation record(ReputationEvent event) {
        // The agent's lock orders concurrent events of one agent (on any replica), so each tally
        // read here includes every event before this one.
        AgentId agent = event.agent();
        if (agents.findByIdForUpdate(agent).isEmpty()) {
            throw agentNotFound(agent);
        }
        reputations.append(event);
        Instant now = event.at();
        // Issue 13: one event is an O(1) update of the stored tally, not a pass over the history.
        // An agent without a tally (no event yet, or a summary stored before tallies) gets one
        // built once from its history, which already holds this event.
        ReputationTally tally = reputations
                .tallyOf(agent)
                .map(stored -> calculator.add(stored, event))
                .orElseGet(() -> calculator.tally(reputations.history(agent), now));
        Reputation reputation = calculator.reputation(agent, tally, now);
        reputations.saveSummary(reputation.summary(), tally);
        reputations.appendPoint(ReputationPoint.of(reputation));
        return reputation;
    }

    private void checkEligible(AgentId rater, AgentId provider, Transaction transaction) {
        String refusal = null;
        if (!transaction.payer().equals(rater)) {
            refusal = "only the payer of transaction '" + transaction.id() + "' may rate it, not '" + rater + "'";
        } else if (!transaction.provider().equals(provider)) {
            refusal = "transaction '" + transaction.id() + "' was provided by '" + transaction.provider() + "', not '"
                    + provider + "'";
        } else if (transaction.wasDisputed()) {
            refusal = "transaction '" + transaction.id() + "' was disputed; only undisputed transactions can be rated";
        } else if (transaction.state() != TransactionState.SETTLED) {
            refusal = "transaction '" + transaction.id() + "' is " + transaction.state()
                    + "; only settled transactions can be rated";
        }
        if (refusal != null) {
            throw new RuleViolationException(ErrorCode.FEEDBACK_NOT_ALLOWED, refusal);
        }
    }

    private void requireAgent(AgentId agent) {
        if (agents.findById(agent).isEmpty()) {
            throw agentNotFound(agent);
        }
    }

    private static NotFoundException agentNotFound(AgentId agent) {
        return new NotFoundException(ErrorCode.AGENT_NOT_FOUND, "no agent has id '" + agent + "'");
    }
}
