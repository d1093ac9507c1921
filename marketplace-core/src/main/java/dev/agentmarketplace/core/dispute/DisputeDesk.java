package dev.agentmarketplace.core.dispute;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.IdGenerator;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.KeysetPages;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.RuleViolationException;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens disputes, takes evidence until the deadline, and resolves them, by an operator or by the
 * configured rules. Each command is one unit of work with the ledger move it causes.
 */
public final class DisputeDesk {
    public static final int MAX_NOTE_LENGTH = 2000;
    public static final int MAX_PAGE_SIZE = 200;
    private static final int OVERDUE_BATCH = 100;

    private final DisputeRepository disputes;
    private final Ledger ledger;
    private final UnitOfWork unitOfWork;
    private final IdGenerator ids;
    private final Clock clock;
    private final DisputeSettings settings;
    private final List<DisputeRule> rules;
    private final DisputeOutcomeListener listener;

    public DisputeDesk(
            DisputeRepository disputes,
            Ledger ledger,
            UnitOfWork unitOfWork,
            IdGenerator ids,
            Clock clock,
            DisputeSettings settings,
            List<DisputeRule> rules,
            DisputeOutcomeListener listener) {
        this.disputes = Objects.requireNonNull(disputes, "disputes");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rules = List.copyOf(rules);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The built-in rules: a silent provider loses. */
    public static List<DisputeRule> defaultRules() {
        return List.of(new ProviderSilentRule());
    }

    /**
     * Opens a dispute over a PENDING transaction, or a SETTLED one within the dispute window, and
     * moves it to DISPUTED. The money stays where it is until the dispute is resolved.
     *
     * @throws RuleViolationException with {@code NOT_A_PARTY} or {@code DISPUTE_WINDOW_CLOSED}
     * @throws ConflictException with {@code ILLEGAL_TRANSITION} when the transaction cannot be disputed now
     */
    public Dispute open(TransactionId transaction, AgentId party, String reason, List<EvidenceItem> evidence) {
        return unitOfWork.execute(() -> {
            Instant now = now();
            Transaction disputed = ledger.markDisputed(transaction, party, "dispute opened", now);
            Dispute dispute = new Dispute(
                    DisputeId.of(ids.next()),
                    transaction,
                    disputed.payer(),
                    disputed.provider(),
                    party,
                    reason,
                    evidence.stream()
                            .map(item -> new Evidence(item, party, now))
                            .toList(),
                    now,
                    now.plus(settings.evidenceWindow()),
                    DisputeStatus.OPEN,
                    Optional.empty(),
                    0);
            disputes.add(dispute);
            return dispute;
        });
    }

    /**
     * Adds a party's evidence to an open dispute, up to and including its deadline.
     *
     * @throws RuleViolationException with {@code NOT_A_PARTY} or {@code EVIDENCE_DEADLINE_PASSED}
     * @throws ConflictException with {@code ILLEGAL_TRANSITION} when the dispute is already resolved
     */
    public Dispute addEvidence(DisputeId id, AgentId party, EvidenceItem item) {
        return unitOfWork.execute(() -> {
            Instant now = now();
            Dispute dispute = load(id);
            if (!dispute.isParty(party)) {
                throw new RuleViolationException(
                        ErrorCode.NOT_A_PARTY,
                        "agent '" + party + "' is neither payer nor provider of the transaction in dispute '" + id
                                + "'");
            }
            requireOpen(dispute, "add evidence to");
            if (dispute.isPastDeadline(now)) {
                throw new RuleViolationException(
                        ErrorCode.EVIDENCE_DEADLINE_PASSED,
                        "dispute '" + id + "' took evidence until " + dispute.deadline() + "; it is now " + now);
            }
            return disputes.update(dispute.withEvidence(new Evidence(item, party, now)));
        });
    }

    /** An operator's decision: the transaction is resolved with {@code outcome} and its money moves accordingly. */
    public Dispute resolve(DisputeId id, String operator, DisputeOutcome outcome, String note) {
        String checked = checkNote(note);
        return unitOfWork.execute(
                () -> decide(load(id), new Resolution(outcome, Actor.operator(operator), now(), checked)));
    }

    /**
     * The note of an operator's decision, stripped, as {@link #resolve} takes it; a form checks it
     * with the rest of its fields before resolving.
     *
     * @throws InvalidValueException naming {@code note} when it is blank or longer than {@link #MAX_NOTE_LENGTH}
     */
    public static String checkNote(String note) {
        if (note == null || note.isBlank() || note.length() > MAX_NOTE_LENGTH) {
            throw new InvalidValueException(
                    "note", "an operator's decision needs a note of 1-" + MAX_NOTE_LENGTH + " characters");
        }
        return note.strip();
    }

    /**
     * Applies the rules to every open dispute whose deadline passed before {@code now}; the first rule
     * that decides resolves the dispute as {@code Actor.system(rule.name())}. Disputes no rule decides
     * stay open for an operator. Each dispute is decided in its own unit of work, so replicas may run
     * this at once.
     *
     * @return the disputes the rules resolved
     */
    public List<Dispute> resolveOverdue(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        List<Dispute> resolved = new ArrayList<>();
        List<Dispute> due = disputes.openPastDeadline(at, Optional.empty(), OVERDUE_BATCH);
        while (!due.isEmpty()) {
            for (Dispute candidate : due) {
                decideByRules(candidate.id(), at).ifPresent(resolved::add);
            }
            if (due.size() < OVERDUE_BATCH) {
                break;
            }
            due = disputes.openPastDeadline(at, Optional.of(due.getLast().id()), OVERDUE_BATCH);
        }
        return List.copyOf(resolved);
    }

    /** One overdue dispute in its own unit of work; one another replica changed first is skipped. */
    private Optional<Dispute> decideByRules(DisputeId id, Instant at) {
        try {
            return unitOfWork.execute(() -> applyRules(id, at));
        } catch (ConflictException raced) {
            // Another replica may decide the dispute between our read and our write; the ledger then
            // refuses a second resolution (ILLEGAL_TRANSITION) or a stale version. Skip what someone
            // else has decided or changed; a refusal of a dispute still open is a real error.
            if (raced.code() == ErrorCode.CONCURRENT_MODIFICATION || load(id).status() != DisputeStatus.OPEN) {
                return Optional.empty();
            }
            throw raced;
        }
    }

    private Optional<Dispute> applyRules(DisputeId id, Instant at) {
        Dispute dispute = load(id);
        if (dispute.status() != DisputeStatus.OPEN) {
            return Optional.empty();
        }
        for (DisputeRule rule : rules) {
            Optional<DisputeRule.Decision> decision = rule.decide(dispute, at);
            if (decision.isPresent()) {
                Resolution resolution = new Resolution(
                        decision.get().outcome(),
                        Actor.system(rule.name()),
                        at,
                        decision.get().note());
                return Optional.of(decide(dispute, resolution));
            }
        }
        return Optional.empty();
    }

    public Dispute get(DisputeId id) {
        return load(id);
    }

    public Optional<Dispute> ofTransaction(TransactionId transaction) {
        return disputes.findByTransaction(transaction);
    }

    /** A page of disputes matching {@code filter} in id order; pass the returned cursor as {@code after}. */
    public DisputePage list(DisputeFilter filter, Optional<DisputeId> after, int limit) {
        return KeysetPages.read(
                limit, MAX_PAGE_SIZE, rows -> disputes.list(filter, after, rows), Dispute::id, DisputePage::new);
    }

    /**
     * A page of the queue operators work through: OPEN disputes by the soonest deadline, then RESOLVED
     * ones by the latest deadline ({@link DisputeQueueCursor#ORDER}), only those in {@code status} when
     * given; pass the returned cursor to get the next page.
     */
    public DisputeQueuePage queue(Optional<DisputeStatus> status, Optional<String> cursor, int limit) {
        return KeysetPages.read(
                limit,
                MAX_PAGE_SIZE,
                rows -> disputes.queue(status, cursor.map(DisputeQueueCursor::decode), rows),
                last -> DisputeQueueCursor.of(last).encode(),
                DisputeQueuePage::new);
    }

    private Dispute decide(Dispute dispute, Resolution resolution) {
        requireOpen(dispute, "resolve");
        // Lock order (core README): the transaction's agents first, then the dispute's row, then the
        // ledger's move (the transaction's row, the journal head last). The listener writes the
        // provider's reputation, guarded by the provider's lock this unit of work already holds.
        Transaction disputed = ledger.lockParties(dispute.transactionId());
        Dispute resolved = disputes.update(dispute.resolvedWith(resolution));
        ledger.resolveDispute(
                dispute.transactionId(),
                resolution.outcome(),
                resolution.decidedBy(),
                resolution.note(),
                resolution.decidedAt());
        if (resolution.providerLost()) {
            listener.providerLostDispute(
                    dispute.provider(),
                    dispute.transactionId(),
                    resolution.outcome().refundedShare(disputed.amount()),
                    resolution.decidedAt());
        } else {
            listener.providerUpheld(dispute.provider(), dispute.transactionId(), resolution.decidedAt());
        }
        return resolved;
    }

    private static void requireOpen(Dispute dispute, String move) {
        if (dispute.status() != DisputeStatus.OPEN) {
            throw new ConflictException(
                    ErrorCode.ILLEGAL_TRANSITION,
                    "cannot " + move + " dispute '" + dispute.id() + "': it is " + dispute.status());
        }
    }

    private Dispute load(DisputeId id) {
        return disputes.findById(id)
                .orElseThrow(
                        () -> new NotFoundException(ErrorCode.DISPUTE_NOT_FOUND, "no dispute has id '" + id + "'"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
