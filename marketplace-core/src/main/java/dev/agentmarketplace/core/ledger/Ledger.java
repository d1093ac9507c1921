package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.IdGenerator;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.RuleViolationException;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Hires, settles, cancels and expires transactions, and journals every money movement. Each
 * command is one unit of work: the transaction and its journal entry are stored together or not at
 * all.
 *
 * <p>Lock order (marketplace-core README, "Lock order"): every move first locks the agents of its
 * transaction, payer and provider, in id order ({@link #lockParties}); then it writes the rows those
 * locks guard and the transaction's own row, and queues its journal entry ({@link #post}). No move
 * locks the journal head: {@link JournalChain} does, in a unit of work of its own.
 */
public final class Ledger {
    public static final int MAX_SETTLEMENT_REFERENCE_LENGTH = 256;
    private static final int EXPIRY_BATCH = 100;
    private static final Actor PAYMENT = Actor.system("x402-settlement");

    private final TransactionRepository transactions;
    private final JournalRepository journal;
    private final AgentRepository agents;
    private final HireStatistics statistics;
    private final UnitOfWork unitOfWork;
    private final IdGenerator ids;
    private final Clock clock;
    private final LedgerSettings settings;
    private final LedgerEvents events;
    private final ExternalSettlement external;
    private final SettlementListener settlements;

    public Ledger(
            TransactionRepository transactions,
            JournalRepository journal,
            AgentRepository agents,
            HireStatistics statistics,
            UnitOfWork unitOfWork,
            IdGenerator ids,
            Clock clock,
            LedgerSettings settings) {
        this(transactions, journal, agents, statistics, unitOfWork, ids, clock, settings, LedgerEvents.NONE);
    }

    public Ledger(
            TransactionRepository transactions,
            JournalRepository journal,
            AgentRepository agents,
            HireStatistics statistics,
            UnitOfWork unitOfWork,
            IdGenerator ids,
            Clock clock,
            LedgerSettings settings,
            LedgerEvents events) {
        this(
                transactions,
                journal,
                agents,
                statistics,
                unitOfWork,
                ids,
                clock,
                settings,
                events,
                ExternalSettlement.NONE);
    }

    public Ledger(
            TransactionRepository transactions,
            JournalRepository journal,
            AgentRepository agents,
            HireStatistics statistics,
            UnitOfWork unitOfWork,
            IdGenerator ids,
            Clock clock,
            LedgerSettings settings,
            LedgerEvents events,
            ExternalSettlement external) {
        this(
                transactions,
                journal,
                agents,
                statistics,
                unitOfWork,
                ids,
                clock,
                settings,
                events,
                external,
                SettlementListener.NONE);
    }

    public Ledger(
            TransactionRepository transactions,
            JournalRepository journal,
            AgentRepository agents,
            HireStatistics statistics,
            UnitOfWork unitOfWork,
            IdGenerator ids,
            Clock clock,
            LedgerSettings settings,
            LedgerEvents events,
            ExternalSettlement external,
            SettlementListener settlements) {
        this.settlements = Objects.requireNonNull(settlements, "settlements");
        this.external = Objects.requireNonNull(external, "external");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public LedgerSettings settings() {
        return settings;
    }

    /**
     * Creates a PENDING transaction and holds its amount in escrow. A retry with the payer's
     * idempotency key and an equal request returns the original, whatever has happened since (the
     * provider may be offline by now); the key is checked before any rule for that reason.
     *
     * @throws ConflictException with {@code IDEMPOTENCY_MISMATCH} when
     *     the key was used for a different request
     * @throws RuleViolationException with {@code SELF_HIRE}, {@code CAPABILITY_NOT_OFFERED}, {@code
     *     PROVIDER_UNAVAILABLE}, {@code CURRENCY_MISMATCH}, {@code BELOW_LISTED_PRICE} or {@code
     *     CAPACITY_EXCEEDED}
     * @throws NotFoundException with {@code AGENT_NOT_FOUND} for an unknown or deregistered payer,
     *     or an unknown provider
     */
    public HireResult hire(HireRequest request) {
        HireResult result = unitOfWork.execute(() -> {
            Optional<Transaction> earlier =
                    transactions.findByIdempotencyKey(request.payer(), request.idempotencyKey());
            if (earlier.isPresent()) {
                return replay(earlier.get(), request);
            }
            Instant now = now();
            checkHireAllowed(request.payer(), request.provider(), request.capability(), request.amount(), now);
            Transaction created = new Transaction(
                    TransactionId.of(ids.next()),
                    request.payer(),
                    request.provider(),
                    request.capability(),
                    request.amount(),
                    request.context(),
                    request.idempotencyKey(),
                    TransactionState.PENDING,
                    List.of(new Transition(
                            Optional.empty(), TransactionState.PENDING, Actor.agent(request.payer()), now, "hired")),
                    Optional.empty(),
                    Optional.empty(),
                    0);
            transactions.add(created);
            post(created, EntryKind.HOLD, LedgerPostings.hold(created));
            return new HireResult(created, true);
        });
        if (result.created()) {
            events.transactionMoved(result.transaction());
        }
        return result;
    }

    /**
     * Runs every rule {@link #hire} would, without hiring: whether the hire would be accepted
     * now (capacity counted as of now). Quotes for paid hires use it, so no one is asked to pay for
     * a hire that would be refused.
     *
     * @throws RuleViolationException or NotFoundException as {@link #hire} would
     */
    public void checkHirable(AgentId payer, AgentId provider, Capability capability, Money amount) {
        unitOfWork.run(() -> checkHireAllowed(payer, provider, capability, amount, now()));
    }

    /**
     * How much of {@code provider}'s capacity the rolling hour has used, counted exactly as a hire's
     * capacity check counts it. A read: nothing is locked, so a concurrent hire may add one.
     */
    public CapacityUse capacityUse(Agent provider) {
        Instant now = now();
        return new CapacityUse(
                provider.id(),
                statistics.hiresInCapacityWindow(provider.id(), now),
                provider.capacityPerHour(),
                now.minus(HireStatistics.CAPACITY_WINDOW));
    }

    /**
     * The moves {@code actor} may ask of transaction {@code id} as it stands, in {@link LedgerMove}
     * order: those {@link TransitionTable} allows from its state that this actor may make, as each
     * move checks it. Pages offer exactly these; every move still checks again when it is made.
     *
     * <ul>
     *   <li>settle, cancel: the payer's side (the payer, an operator, the platform);
     *   <li>expire: the platform, once the hold has timed out;
     *   <li>dispute: a party, before settlement or within the dispute window after it;
     *   <li>resolve: an operator or a rule, through the dispute desk;
     *   <li>none of settle, cancel, expire or dispute while an x402 payment decides a PENDING hire.
     * </ul>
     *
     * @throws NotFoundException with {@code TRANSACTION_NOT_FOUND} for an unknown transaction
     */
    public Set<LedgerMove> allowedMoves(TransactionId id, Actor actor) {
        Objects.requireNonNull(actor, "actor");
        return unitOfWork.execute(() -> {
            Transaction tx = load(id);
            boolean decidedElsewhere = tx.state() == TransactionState.PENDING && external.decides(tx.id());
            Instant now = now();
            EnumSet<LedgerMove> allowed = EnumSet.noneOf(LedgerMove.class);
            for (LedgerMove move : LedgerMove.values()) {
                if (TransitionTable.target(tx.state(), move).isPresent()
                        && mayMake(tx, actor, move, now)
                        && !(decidedElsewhere && move != LedgerMove.RESOLVE)) {
                    allowed.add(move);
                }
            }
            return Collections.unmodifiableSet(allowed);
        });
    }

    /** Who may make {@code move} of {@code tx} at {@code now}, leaving the state machine aside. */
    private boolean mayMake(Transaction tx, Actor actor, LedgerMove move, Instant now) {
        return switch (move) {
            case SETTLE, CANCEL -> payerSide(tx, actor);
            case EXPIRE ->
                actor.kind() == Actor.Kind.SYSTEM && now.isAfter(tx.createdAt().plus(settings.holdTimeout()));
            case DISPUTE ->
                (actor.is(tx.payer()) || actor.is(tx.provider()))
                        && tx.settledAt()
                                .map(settled -> !now.isAfter(settled.plus(settings.disputeWindow())))
                                .orElse(true);
            case RESOLVE -> actor.kind() != Actor.Kind.AGENT;
        };
    }

    private static boolean payerSide(Transaction tx, Actor actor) {
        return switch (actor.kind()) {
            case OPERATOR, SYSTEM -> true;
            case AGENT -> actor.is(tx.payer());
        };
    }

    /**
     * Settles a PENDING transaction: escrow is posted to the provider, minus the platform fee.
     * Only the payer, an operator or the platform may settle.
     *
     * @param reference the payment's settlement reference (the x402 facilitator's tx hash), if any
     */
    public Transaction settle(TransactionId id, Actor actor, Optional<String> reference) {
        reference.ifPresent(Ledger::checkReference);
        return observed(() -> {
            Transaction tx = lockParties(id);
            checkPayerSide(tx, actor, LedgerMove.SETTLE);
            checkNotDecidedElsewhere(tx, LedgerMove.SETTLE);
            Transaction settled = move(tx, LedgerMove.SETTLE, actor, "settled", now(), reference, Optional.empty());
            settlements.settled(settled);
            post(settled, EntryKind.SETTLE, LedgerPostings.settle(tx, settings.feeBasisPoints()));
            return settled;
        });
    }

    /** Cancels a PENDING transaction and voids its hold. Only the payer, an operator or the platform may cancel. */
    public Transaction cancel(TransactionId id, Actor actor) {
        return observed(() -> {
            Transaction tx = lockParties(id);
            checkPayerSide(tx, actor, LedgerMove.CANCEL);
            checkNotDecidedElsewhere(tx, LedgerMove.CANCEL);
            Transaction cancelled =
                    move(tx, LedgerMove.CANCEL, actor, "cancelled", now(), Optional.empty(), Optional.empty());
            post(cancelled, EntryKind.VOID, LedgerPostings.voidHold(tx));
            return cancelled;
        });
    }

    /**
     * Settles a PENDING transaction whose x402 payment the facilitator has settled on chain, as
     * {@code Actor.system("x402-settlement")}: the one move an {@link ExternalSettlement} allows.
     *
     * @param reference the chain's transaction hash
     */
    public Transaction settleByPayment(TransactionId id, String reference) {
        checkReference(reference);
        return observed(() -> {
            Transaction tx = lockParties(id);
            Transaction settled = move(
                    tx, LedgerMove.SETTLE, PAYMENT, "payment settled", now(), Optional.of(reference), Optional.empty());
            settlements.settled(settled);
            post(settled, EntryKind.SETTLE, LedgerPostings.settle(tx, settings.feeBasisPoints()));
            return settled;
        });
    }

    /**
     * Cancels a PENDING transaction whose x402 payment will never settle (the facilitator refused it,
     * or its authorization expired unsent) and voids its hold, as {@code Actor.system("x402-settlement")}.
     */
    public Transaction voidByPayment(TransactionId id, String note) {
        return observed(() -> {
            Transaction tx = lockParties(id);
            Transaction cancelled =
                    move(tx, LedgerMove.CANCEL, PAYMENT, note, now(), Optional.empty(), Optional.empty());
            post(cancelled, EntryKind.VOID, LedgerPostings.voidHold(tx));
            return cancelled;
        });
    }

    /**
     * Voids the hold of every transaction still PENDING a whole hold timeout after its hire, acting
     * as {@code Actor.system("hold-timeout")}. Each expiry is its own unit of work. Several replicas
     * may run this at once: a transaction another replica expired or settled first (a stale version)
     * is skipped, not an error.
     *
     * @return the transactions this call expired
     */
    public List<TransactionId> expireHolds(Instant now) {
        TransactionFilter due = new TransactionFilter(
                Optional.empty(),
                PartyRole.EITHER,
                Optional.of(TransactionState.PENDING),
                Optional.empty(),
                Optional.empty(),
                Optional.of(now.minus(settings.holdTimeout())));
        List<TransactionId> expired = new ArrayList<>();
        // Keyset pages: a transaction left PENDING (an x402 payment decides it, another replica got
        // there first) is passed over, never read again, so it cannot stall the sweep behind it.
        Optional<HistoryCursor> after = Optional.empty();
        List<Transaction> batch;
        do {
            batch = transactions.history(due, after, EXPIRY_BATCH);
            for (Transaction candidate : batch) {
                if (expireOne(candidate.id(), now)) {
                    expired.add(candidate.id());
                }
            }
            if (!batch.isEmpty()) {
                after = Optional.of(HistoryCursor.of(batch.getLast()));
            }
        } while (batch.size() == EXPIRY_BATCH);
        return List.copyOf(expired);
    }

    private boolean expireOne(TransactionId id, Instant now) {
        try {
            return unitOfWork
                    .execute(() -> {
                        Transaction tx = lockParties(id);
                        if (tx.state() != TransactionState.PENDING || external.decides(tx.id())) {
                            return Optional.<Transaction>empty();
                        }
                        String note = "hold expired after " + settings.holdTimeout();
                        Actor timeout = Actor.system("hold-timeout");
                        Transaction lapsed =
                                move(tx, LedgerMove.EXPIRE, timeout, note, now, Optional.empty(), Optional.empty());
                        post(lapsed, EntryKind.EXPIRE, LedgerPostings.voidHold(tx));
                        return Optional.of(lapsed);
                    })
                    .map(lapsed -> {
                        events.transactionMoved(lapsed);
                        return true;
                    })
                    .orElse(false);
        } catch (ConflictException raced) {
            if (raced.code() != ErrorCode.CONCURRENT_MODIFICATION) {
                throw raced;
            }
            return false;
        }
    }

    /**
     * Moves a transaction to DISPUTED on behalf of a party; no money moves. For the dispute desk,
     * which opens the dispute in the same unit of work.
     *
     * @throws RuleViolationException with {@code NOT_A_PARTY} when {@code party} is neither payer
     *     nor provider, or {@code DISPUTE_WINDOW_CLOSED} when the settlement is older than the window
     */
    public Transaction markDisputed(TransactionId id, AgentId party, String note, Instant at) {
        return observed(() -> {
            Transaction tx = lockParties(id);
            if (!tx.involves(party)) {
                throw notAParty(tx, party);
            }
            TransitionTable.next(tx.id(), tx.state(), LedgerMove.DISPUTE);
            checkNotDecidedElsewhere(tx, LedgerMove.DISPUTE);
            Optional<Instant> settledAt = tx.settledAt();
            if (settledAt.isPresent() && at.isAfter(settledAt.get().plus(settings.disputeWindow()))) {
                throw new RuleViolationException(
                        ErrorCode.DISPUTE_WINDOW_CLOSED,
                        "transaction '" + id + "' was settled at " + settledAt.get() + "; disputes close "
                                + settings.disputeWindow() + " after settlement");
            }
            return move(tx, LedgerMove.DISPUTE, Actor.agent(party), note, at, Optional.empty(), Optional.empty());
        });
    }

    /**
     * Moves a DISPUTED transaction to RESOLVED with {@code outcome} and posts the movement it
     * requires. For the dispute desk, which records the decision in the same unit of work.
     *
     * @throws RuleViolationException with {@code INVALID_REFUND} when a partial refund is not more
     *     than zero and less than the amount, or {@code CURRENCY_MISMATCH} in another currency
     */
    public Transaction resolveDispute(TransactionId id, DisputeOutcome outcome, Actor actor, String note, Instant at) {
        return observed(() -> {
            Transaction tx = lockParties(id);
            TransitionTable.next(tx.id(), tx.state(), LedgerMove.RESOLVE);
            if (outcome instanceof DisputeOutcome.PartialRefund(Money refund)
                    && (!refund.isPositive() || !refund.isLessThan(tx.amount()))) {
                throw new RuleViolationException(
                        ErrorCode.INVALID_REFUND,
                        "a partial refund of transaction '" + id + "' must be more than zero and less than "
                                + tx.amount() + ", was " + refund);
            }
            Transaction resolved =
                    move(tx, LedgerMove.RESOLVE, actor, note, at, Optional.empty(), Optional.of(outcome));
            post(resolved, EntryKind.RESOLVE, LedgerPostings.resolve(tx, outcome, settings.feeBasisPoints()));
            return resolved;
        });
    }

    /**
     * The first step of the lock order for a move on an existing transaction: locks its payer and
     * provider in id order, then reads the transaction as the previous lock holder left it. Every
     * move of this ledger starts with it; a caller that writes rows of its own about the transaction
     * in the same unit of work (a dispute, a payment) calls it first, before those writes. Locking
     * again in the same unit of work is harmless.
     *
     * @throws NotFoundException with {@code TRANSACTION_NOT_FOUND} for an unknown transaction
     */
    public Transaction lockParties(TransactionId id) {
        List<AgentId> parties = transactions.partiesOf(id);
        if (parties.isEmpty()) {
            throw transactionNotFound(id);
        }
        lockAgents(parties);
        return load(id);
    }

    /**
     * Locks {@code ids} in id order, whatever order they come in, so two units of work that lock
     * the same agents can never each hold one the other waits for.
     */
    private Map<AgentId, Optional<Agent>> lockAgents(Collection<AgentId> ids) {
        Map<AgentId, Agent> found = agents.findAllByIdForUpdate(ids);
        Map<AgentId, Optional<Agent>> locked = new TreeMap<>();
        for (AgentId id : ids) {
            locked.put(id, Optional.ofNullable(found.get(id)));
        }
        return locked;
    }

    /** Runs a move in its own unit of work and, once that has returned, tells the observers. */
    private Transaction observed(Supplier<Transaction> work) {
        Transaction moved = unitOfWork.execute(work);
        events.transactionMoved(moved);
        return moved;
    }

    /** Checks {@code move} against the table, records who made it and when, and stores the transaction. */
    private Transaction move(
            Transaction tx,
            LedgerMove move,
            Actor actor,
            String note,
            Instant at,
            Optional<String> reference,
            Optional<DisputeOutcome> outcome) {
        TransactionState to = TransitionTable.next(tx.id(), tx.state(), move);
        Instant when = at.truncatedTo(ChronoUnit.MICROS);
        Transition step = new Transition(Optional.of(tx.state()), to, actor, when, note);
        return transactions.update(tx.after(step, reference, outcome));
    }

    /**
     * Journals the money movement of the transaction's latest step, at that step's time: queued in
     * this unit of work, linked into the chain by {@link JournalChain} once it commits. A step that
     * moves no money writes nothing.
     */
    private void post(Transaction tx, EntryKind kind, List<Posting> postings) {
        if (postings.isEmpty()) {
            return;
        }
        Instant at = tx.timeline().getLast().at();
        journal.enqueue(new UnchainedEntry(ids.next(), tx.id(), kind, at, postings));
    }

    private HireResult replay(Transaction earlier, HireRequest request) {
        if (!request.sameRequestAs(earlier)) {
            throw new ConflictException(
                    ErrorCode.IDEMPOTENCY_MISMATCH,
                    "idempotency key '" + request.idempotencyKey() + "' of payer '" + request.payer()
                            + "' was used for transaction '" + earlier.id() + "' with a different request");
        }
        return new HireResult(earlier, false);
    }

    private void checkHireAllowed(AgentId payer, AgentId providerId, Capability capability, Money amount, Instant now) {
        if (payer.equals(providerId)) {
            throw new RuleViolationException(ErrorCode.SELF_HIRE, "agent '" + payer + "' cannot hire itself");
        }
        // Lock order: both agents, in id order, before any other row. The provider's lock also makes
        // concurrent hires of it count their capacity one after another; the payer's lock is the one
        // the new transaction's foreign key would otherwise wait for while we hold the provider's.
        var locked = lockAgents(List.of(payer, providerId));
        locked.get(payer).filter(agent -> !agent.isDeregistered()).orElseThrow(() -> agentNotFound("payer", payer));
        Agent provider = locked.get(providerId).orElseThrow(() -> agentNotFound("provider", providerId));
        if (!provider.offers(capability)) {
            throw new RuleViolationException(
                    ErrorCode.CAPABILITY_NOT_OFFERED,
                    "provider '" + provider.id() + "' does not offer capability '" + capability + "'");
        }
        var availability = provider.effectiveAvailability(now, settings.heartbeatLease());
        switch (availability) {
            case ONLINE, BUSY -> {}
            case OFFLINE, MAINTENANCE ->
                throw new RuleViolationException(
                        ErrorCode.PROVIDER_UNAVAILABLE,
                        "provider '" + provider.id() + "' is " + availability + " and cannot be hired");
        }
        if (!amount.currency().equals(provider.price().currency())) {
            throw new RuleViolationException(
                    ErrorCode.CURRENCY_MISMATCH,
                    "provider '" + provider.id() + "' is paid in "
                            + provider.price().currency() + ", not "
                            + amount.currency());
        }
        if (amount.isLessThan(provider.price())) {
            throw new RuleViolationException(
                    ErrorCode.BELOW_LISTED_PRICE,
                    "amount " + amount + " is below provider '" + provider.id() + "''s listed price "
                            + provider.price());
        }
        long recent = statistics.hiresInCapacityWindow(provider.id(), now);
        if (recent >= provider.capacityPerHour()) {
            throw new RuleViolationException(
                    ErrorCode.CAPACITY_EXCEEDED,
                    "provider '" + provider.id() + "' already has " + recent
                            + " hires in the last hour, its capacity is " + provider.capacityPerHour());
        }
    }

    private void checkPayerSide(Transaction tx, Actor actor, LedgerMove move) {
        if (!payerSide(tx, actor)) {
            throw new RuleViolationException(
                    ErrorCode.NOT_A_PARTY,
                    "only the payer '" + tx.payer() + "' or an operator may " + move.verb() + " transaction '" + tx.id()
                            + "', not agent '" + actor.id() + "'");
        }
    }

    private void checkNotDecidedElsewhere(Transaction tx, LedgerMove move) {
        if (tx.state() == TransactionState.PENDING && external.decides(tx.id())) {
            throw new ConflictException(
                    ErrorCode.PAYMENT_IN_PROGRESS,
                    "transaction '" + tx.id() + "' is paid through x402 and its payment is still being settled; no one"
                            + " may " + move.verb() + " it" + " until the facilitator has decided");
        }
    }

    private static RuleViolationException notAParty(Transaction tx, AgentId agent) {
        return new RuleViolationException(
                ErrorCode.NOT_A_PARTY,
                "agent '" + agent + "' is neither payer nor provider of transaction '" + tx.id() + "'");
    }

    private Transaction load(TransactionId id) {
        return transactions.findById(id).orElseThrow(() -> transactionNotFound(id));
    }

    private static NotFoundException transactionNotFound(TransactionId id) {
        return new NotFoundException(ErrorCode.TRANSACTION_NOT_FOUND, "no transaction has id '" + id + "'");
    }

    private static NotFoundException agentNotFound(String role, AgentId id) {
        return new NotFoundException(ErrorCode.AGENT_NOT_FOUND, role + " '" + id + "' is not a registered agent");
    }

    private static void checkReference(String reference) {
        if (reference.isBlank() || reference.length() > MAX_SETTLEMENT_REFERENCE_LENGTH) {
            throw new InvalidValueException(
                    "settlementReference", "must be 1-" + MAX_SETTLEMENT_REFERENCE_LENGTH + " characters");
        }
    }

    private Instant now() {
        // Cut to microseconds, the precision the journal encoding and the databases keep.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
