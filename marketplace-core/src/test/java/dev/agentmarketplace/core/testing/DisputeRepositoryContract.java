package dev.agentmarketplace.core.testing;

import static dev.agentmarketplace.core.testing.LedgerContractData.T0;
import static dev.agentmarketplace.core.testing.LedgerContractData.agent;
import static dev.agentmarketplace.core.testing.LedgerContractData.pending;
import static dev.agentmarketplace.core.testing.LedgerContractData.txId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeFilter;
import dev.agentmarketplace.core.dispute.DisputeId;
import dev.agentmarketplace.core.dispute.DisputeQueueCursor;
import dev.agentmarketplace.core.dispute.DisputeRepository;
import dev.agentmarketplace.core.dispute.DisputeStatus;
import dev.agentmarketplace.core.dispute.Evidence;
import dev.agentmarketplace.core.dispute.EvidenceItem;
import dev.agentmarketplace.core.dispute.Resolution;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DisputeRepository} adapter must do. Subclasses return fresh, empty adapters
 * sharing one unit of work; the suite stores the agents and transactions the disputes refer to.
 */
public abstract class DisputeRepositoryContract {
    protected abstract UnitOfWork unitOfWork();

    protected abstract AgentRepository agents();

    protected abstract TransactionRepository transactions();

    protected abstract DisputeRepository disputes();

    private static final AgentId ALICE = AgentId.of("alice");
    private static final AgentId BOB = AgentId.of("bob");
    private static final AgentId CAROL = AgentId.of("carol");

    private DisputeRepository repo;

    @BeforeEach
    void storeAgentsAndTransactions() {
        repo = disputes();
        unitOfWork().run(() -> {
            List.of("alice", "bob", "carol").forEach(id -> agents().add(agent(id)));
            for (int n = 1; n <= 4; n++) {
                transactions().add(pending(n, "alice", "bob", "python", "2.00", T0));
            }
            transactions().add(pending(5, "carol", "alice", "python", "2.00", T0));
            transactions().add(pending(6, "bob", "carol", "python", "2.00", T0));
        });
    }

    private static DisputeId disputeId(int n) {
        return DisputeId.of("00000000-0000-4000-9000-%012d".formatted(n));
    }

    private static Dispute open(int n, Instant openedAt, List<Evidence> evidence) {
        return open(n, ALICE, BOB, openedAt, evidence);
    }

    private static Dispute open(int n, AgentId payer, AgentId provider, Instant openedAt, List<Evidence> evidence) {
        return new Dispute(
                disputeId(n),
                txId(n),
                payer,
                provider,
                payer,
                "not delivered " + n,
                evidence,
                openedAt,
                openedAt.plus(Duration.ofHours(72)),
                DisputeStatus.OPEN,
                Optional.empty(),
                0);
    }

    private void add(Dispute dispute) {
        unitOfWork().run(() -> repo.add(dispute));
    }

    private Dispute update(Dispute dispute) {
        return unitOfWork().execute(() -> repo.update(dispute));
    }

    private static Dispute with(
            Dispute d, List<Evidence> evidence, DisputeStatus status, Optional<Resolution> resolution) {
        return new Dispute(
                d.id(),
                d.transactionId(),
                d.payer(),
                d.provider(),
                d.openedBy(),
                d.reason(),
                evidence,
                d.openedAt(),
                d.deadline(),
                status,
                resolution,
                d.version());
    }

    @Test
    void addedDisputeWithEveryKindOfEvidenceRoundTrips() {
        Dispute dispute = open(
                1,
                T0,
                List.of(
                        new Evidence(new EvidenceItem.Text("nothing arrived"), ALICE, T0),
                        new Evidence(EvidenceItem.Link.of("https://example.org/log?id=1"), ALICE, T0),
                        new Evidence(new EvidenceItem.Checksum("ab".repeat(32)), ALICE, T0.plusNanos(1_000))));
        add(dispute);

        assertThat(repo.findById(dispute.id())).contains(dispute);
        assertThat(repo.findByTransaction(txId(1))).contains(dispute);
        assertThat(repo.findByTransaction(txId(2))).isEmpty();
        assertThat(repo.findById(disputeId(9))).isEmpty();
    }

    @Test
    void takenIdOrAlreadyDisputedTransactionIsAConflict() {
        add(open(1, T0, List.of()));
        Dispute sameTransaction = new Dispute(
                disputeId(2),
                txId(1),
                ALICE,
                BOB,
                BOB,
                "again",
                List.of(),
                T0,
                T0.plusSeconds(1),
                DisputeStatus.OPEN,
                Optional.empty(),
                0);

        for (Dispute duplicate : List.of(open(1, T0, List.of()), sameTransaction)) {
            assertThatThrownBy(() -> add(duplicate))
                    .isInstanceOfSatisfying(
                            ConflictException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION));
        }
    }

    @Test
    void updateStoresEvidenceAndResolutionAndIncrementsTheVersion() {
        Dispute dispute = open(1, T0, List.of());
        add(dispute);
        Dispute withEvidence = update(with(
                dispute,
                List.of(new Evidence(new EvidenceItem.Text("delivered"), BOB, T0.plusSeconds(1))),
                DisputeStatus.OPEN,
                Optional.empty()));
        Resolution resolution = new Resolution(
                new DisputeOutcome.PartialRefund(Money.of("0.50", "USDC")),
                Actor.operator("ops-1"),
                T0.plusSeconds(2),
                "half");

        Dispute resolved =
                update(with(withEvidence, withEvidence.evidence(), DisputeStatus.RESOLVED, Optional.of(resolution)));

        assertThat(resolved.version()).isEqualTo(2);
        assertThat(repo.findById(dispute.id())).contains(resolved);
    }

    @Test
    void staleVersionIsAConcurrentModification() {
        Dispute dispute = open(1, T0, List.of());
        add(dispute);
        update(with(
                dispute,
                List.of(new Evidence(new EvidenceItem.Text("a"), BOB, T0)),
                DisputeStatus.OPEN,
                Optional.empty()));

        assertThatThrownBy(() -> update(with(
                        dispute,
                        List.of(new Evidence(new EvidenceItem.Text("b"), ALICE, T0)),
                        DisputeStatus.OPEN,
                        Optional.empty())))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION));
    }

    @Test
    void openDisputesPastTheirDeadlineAreListedInIdOrderAfterTheCursor() {
        add(open(3, T0, List.of()));
        add(open(1, T0.minusSeconds(10), List.of()));
        add(open(2, T0.plusSeconds(3600), List.of()));
        Dispute resolvedOne = open(4, T0.minusSeconds(20), List.of());
        add(resolvedOne);
        update(with(
                resolvedOne,
                List.of(),
                DisputeStatus.RESOLVED,
                Optional.of(
                        new Resolution(new DisputeOutcome.FullRefund(), Actor.system("provider-silent"), T0, "r"))));
        Instant now = T0.plus(Duration.ofHours(72)).plusSeconds(1);

        assertThat(repo.openPastDeadline(now, Optional.empty(), 10))
                .extracting(Dispute::id)
                .containsExactly(disputeId(1), disputeId(3));
        assertThat(repo.openPastDeadline(now, Optional.of(disputeId(1)), 10))
                .extracting(Dispute::id)
                .containsExactly(disputeId(3));
        assertThat(repo.openPastDeadline(now, Optional.empty(), 1))
                .extracting(Dispute::id)
                .containsExactly(disputeId(1));
        assertThat(repo.openPastDeadline(T0.plus(Duration.ofHours(72)), Optional.empty(), 10))
                .extracting(Dispute::id)
                .containsExactly(disputeId(1));
    }

    /** d1 alice->bob OPEN, d2 alice->bob RESOLVED, d5 carol->alice OPEN, d6 bob->carol OPEN; added out of order. */
    private void storeDisputesOfEveryParty() {
        add(open(6, BOB, CAROL, T0, List.of()));
        add(open(1, T0, List.of()));
        add(open(5, CAROL, ALICE, T0, List.of()));
        Dispute resolved = open(2, T0, List.of());
        add(resolved);
        update(with(
                resolved,
                List.of(),
                DisputeStatus.RESOLVED,
                Optional.of(new Resolution(new DisputeOutcome.ProviderUpheld(), Actor.operator("ops-1"), T0, "done"))));
    }

    private List<DisputeId> list(DisputeFilter filter, Optional<DisputeId> after, int limit) {
        return repo.list(filter, after, limit).stream().map(Dispute::id).toList();
    }

    @Test
    void listWithoutCriteriaReturnsEveryDisputeInIdOrder() {
        storeDisputesOfEveryParty();

        assertThat(list(DisputeFilter.ALL, Optional.empty(), 10))
                .containsExactly(disputeId(1), disputeId(2), disputeId(5), disputeId(6));
        assertThat(repo.list(DisputeFilter.ALL, Optional.empty(), 10))
                .filteredOn(dispute -> dispute.id().equals(disputeId(2)))
                .singleElement()
                .satisfies(dispute -> assertThat(dispute.resolution()).isPresent());
    }

    @Test
    void partyFilterMatchesTheAgentAsPayerOrAsProvider() {
        storeDisputesOfEveryParty();

        assertThat(list(DisputeFilter.ALL.withParty(ALICE), Optional.empty(), 10))
                .containsExactly(disputeId(1), disputeId(2), disputeId(5));
        assertThat(list(DisputeFilter.ALL.withParty(CAROL), Optional.empty(), 10))
                .containsExactly(disputeId(5), disputeId(6));
        assertThat(list(DisputeFilter.ALL.withParty(AgentId.of("stranger")), Optional.empty(), 10))
                .isEmpty();
    }

    @Test
    void statusFilterAloneAndTogetherWithAParty() {
        storeDisputesOfEveryParty();

        assertThat(list(DisputeFilter.ALL.withStatus(DisputeStatus.OPEN), Optional.empty(), 10))
                .containsExactly(disputeId(1), disputeId(5), disputeId(6));
        assertThat(list(DisputeFilter.ALL.withStatus(DisputeStatus.RESOLVED), Optional.empty(), 10))
                .containsExactly(disputeId(2));
        assertThat(list(DisputeFilter.ALL.withParty(ALICE).withStatus(DisputeStatus.OPEN), Optional.empty(), 10))
                .containsExactly(disputeId(1), disputeId(5));
        assertThat(list(DisputeFilter.ALL.withParty(CAROL).withStatus(DisputeStatus.RESOLVED), Optional.empty(), 10))
                .isEmpty();
    }

    @Test
    void listPagesByCursorAndLimitWithoutSkippingOrRepeating() {
        storeDisputesOfEveryParty();

        assertThat(list(DisputeFilter.ALL, Optional.empty(), 2)).containsExactly(disputeId(1), disputeId(2));
        assertThat(list(DisputeFilter.ALL, Optional.of(disputeId(2)), 2)).containsExactly(disputeId(5), disputeId(6));
        assertThat(list(DisputeFilter.ALL, Optional.of(disputeId(6)), 2)).isEmpty();
        assertThat(list(DisputeFilter.ALL.withParty(ALICE), Optional.of(disputeId(1)), 1))
                .containsExactly(disputeId(2));
        assertThat(list(DisputeFilter.ALL.withParty(ALICE), Optional.of(disputeId(3)), 1))
                .containsExactly(disputeId(5));
        assertThat(list(DisputeFilter.ALL.withParty(BOB).withStatus(DisputeStatus.OPEN), Optional.of(disputeId(1)), 5))
                .containsExactly(disputeId(6));
    }

    /**
     * d1..d4 alice->bob and d5 carol->alice, d6 bob->carol: OPEN ones with deadlines out of id order
     * (two share one), RESOLVED ones too; added out of order.
     */
    private void storeAQueue() {
        add(open(4, T0.plusSeconds(30), List.of()));
        add(open(1, T0.plusSeconds(20), List.of()));
        add(open(6, BOB, CAROL, T0.plusSeconds(10), List.of()));
        add(open(5, CAROL, ALICE, T0.plusSeconds(10), List.of()));
        for (int n : new int[] {2, 3}) {
            Dispute resolved = open(n, T0.plusSeconds(n * 100L), List.of());
            add(resolved);
            update(with(
                    resolved,
                    List.of(),
                    DisputeStatus.RESOLVED,
                    Optional.of(new Resolution(new DisputeOutcome.FullRefund(), Actor.operator("ops-1"), T0, "r"))));
        }
    }

    private List<DisputeId> queue(Optional<DisputeStatus> status, int pageSize) {
        List<DisputeId> ids = new ArrayList<>();
        Optional<DisputeQueueCursor> after = Optional.empty();
        List<Dispute> page;
        do {
            page = repo.queue(status, after, pageSize);
            page.forEach(dispute -> ids.add(dispute.id()));
            after = page.isEmpty() ? after : Optional.of(DisputeQueueCursor.of(page.getLast()));
        } while (page.size() == pageSize);
        return ids;
    }

    @Test
    void theQueueIsOpenDisputesSoonestDeadlineFirstThenResolvedOnesLatestDeadlineFirst() {
        storeAQueue();

        List<DisputeId> expected =
                List.of(disputeId(5), disputeId(6), disputeId(1), disputeId(4), disputeId(3), disputeId(2));
        assertThat(queue(Optional.empty(), 10)).containsExactlyElementsOf(expected);
        for (int pageSize = 1; pageSize <= 4; pageSize++) {
            assertThat(queue(Optional.empty(), pageSize))
                    .as("pages of " + pageSize)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void theQueueFiltersByStatusAndPagesWithinIt() {
        storeAQueue();

        assertThat(queue(Optional.of(DisputeStatus.OPEN), 3))
                .containsExactly(disputeId(5), disputeId(6), disputeId(1), disputeId(4));
        assertThat(queue(Optional.of(DisputeStatus.RESOLVED), 1)).containsExactly(disputeId(3), disputeId(2));
        assertThat(repo.queue(
                        Optional.of(DisputeStatus.RESOLVED),
                        Optional.of(new DisputeQueueCursor(DisputeStatus.OPEN, T0, disputeId(9))),
                        10))
                .extracting(Dispute::id)
                .containsExactly(disputeId(3), disputeId(2));
        assertThat(repo.queue(
                        Optional.of(DisputeStatus.OPEN),
                        Optional.of(new DisputeQueueCursor(DisputeStatus.RESOLVED, T0, disputeId(9))),
                        10))
                .isEmpty();
    }

    @Test
    void anEmptyQueueHasNoPage() {
        assertThat(repo.queue(Optional.empty(), Optional.empty(), 10)).isEmpty();
        assertThat(repo.queue(Optional.of(DisputeStatus.OPEN), Optional.empty(), 10))
                .isEmpty();
    }
}
