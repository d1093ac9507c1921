package dev.agentmarketplace.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.EvidenceItem;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.testing.LedgerFixture;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Invariants of the ledger under any sequence of operations: money is conserved per transaction
 * and overall, balances are sums of postings, the chain verifies, states follow the table, and
 * idempotent replays never create a second transaction.
 */
class LedgerPropertiesTest {
    private static final List<String> AGENTS = List.of("a0", "a1", "a2", "e3");
    private static final List<String> AMOUNTS = List.of("1.50", "2.00", "7.333333", "100", "0.000001", "3.14");

    private static LedgerFixture world(int feeBasisPoints) {
        // A lease of years keeps providers hireable however far the operations move the clock.
        LedgerFixture world = new LedgerFixture(
                new LedgerSettings(feeBasisPoints, Duration.ofDays(7), Duration.ofMinutes(15), Duration.ofDays(3650)));
        world.register(Agents.registration("a0", Money.of("0.000001", "USDC"), 1000, "python"));
        world.register(Agents.registration("a1", Money.of("0.000001", "USDC"), 1000, "python"));
        world.register(Agents.registration("a2", Money.of("0.000001", "USDC"), 3, "python"));
        world.register(Agents.registration("e3", Money.of("0.01", "EUR"), 1000, "python"));
        return world;
    }

    @Property(tries = 200)
    void anySequenceOfOperationsKeepsTheBooksBalancedAndTheChainIntact(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 1_000_000) Integer> operations,
            @ForAll @IntRange(min = 0, max = 10_000) int feeBasisPoints) {
        LedgerFixture world = world(feeBasisPoints);
        List<TransactionId> hired = new ArrayList<>();
        List<Dispute> opened = new ArrayList<>();

        for (int operation : operations) {
            int entriesBefore = world.journal.entriesAfter(0, Integer.MAX_VALUE).size();
            try {
                apply(world, operation, hired, opened);
            } catch (DomainException refused) {
                // A refused operation leaves the books untouched.
                assertThat(world.journal.entriesAfter(0, Integer.MAX_VALUE)).hasSize(entriesBefore);
            }
        }

        assertBooksBalance(world, hired);
    }

    private static void apply(LedgerFixture world, int operation, List<TransactionId> hired, List<Dispute> opened) {
        int kind = operation % 8;
        int arg = operation / 8;
        String payer = AGENTS.get(arg % AGENTS.size());
        String provider = AGENTS.get((arg / 4) % AGENTS.size());
        Optional<TransactionId> target =
                hired.isEmpty() ? Optional.empty() : Optional.of(hired.get(arg % hired.size()));
        switch (kind) {
            case 0, 1 -> {
                String amount = AMOUNTS.get((arg / 16) % AMOUNTS.size());
                String currency = provider.startsWith("e") ? "EUR" : "USDC";
                if (currency.equals("EUR")) {
                    amount = new BigDecimal(amount).setScale(2, RoundingMode.UP).toPlainString();
                }
                HireRequest request = new HireRequest(
                        AgentId.of(payer),
                        AgentId.of(provider),
                        Capability.of("python"),
                        Money.of(amount, currency),
                        "",
                        world.nextKey());
                hired.add(world.ledger.hire(request).transaction().id());
            }
            case 2 -> target.ifPresent(id -> world.ledger.settle(id, actorFor(world, id, arg), Optional.empty()));
            case 3 -> target.ifPresent(id -> world.ledger.cancel(id, actorFor(world, id, arg)));
            case 4 ->
                target.ifPresent(id -> {
                    Transaction tx = world.transactions.findById(id).orElseThrow();
                    AgentId party = arg % 3 == 0 ? tx.payer() : arg % 3 == 1 ? tx.provider() : AgentId.of("a2");
                    opened.add(world.desk.open(id, party, "dispute", List.of(new EvidenceItem.Text("why"))));
                });
            case 5 -> {
                if (!opened.isEmpty()) {
                    Dispute dispute = opened.get(arg % opened.size());
                    Transaction tx =
                            world.transactions.findById(dispute.transactionId()).orElseThrow();
                    world.desk.resolve(dispute.id(), "ops", outcome(tx.amount(), arg / 7), "decided");
                }
            }
            case 6 -> {
                world.clock.advance(Duration.ofMinutes(1 + arg % (60 * 24 * 4)));
                world.ledger.expireHolds(world.clock.instant());
                world.desk.resolveOverdue(world.clock.instant());
            }
            case 7 -> world.clock.advance(Duration.ofSeconds(arg % 1000));
        }
    }

    private static Actor actorFor(LedgerFixture world, TransactionId id, int arg) {
        Transaction tx = world.transactions.findById(id).orElseThrow();
        return switch (arg % 4) {
            case 0, 1 -> Actor.agent(tx.payer());
            case 2 -> Actor.agent(tx.provider());
            default -> Actor.operator("ops");
        };
    }

    private static DisputeOutcome outcome(Money amount, int arg) {
        return switch (arg % 4) {
            case 0 -> new DisputeOutcome.ProviderUpheld();
            case 1 -> new DisputeOutcome.FullRefund();
            case 2 -> new DisputeOutcome.PartialRefund(amount.basisPoints(1 + arg % 9_999));
            default -> new DisputeOutcome.PartialRefund(Money.ofMinorUnits(BigInteger.ONE, amount.currency()));
        };
    }

    private static void assertBooksBalance(LedgerFixture world, List<TransactionId> hired) {
        List<JournalEntry> entries = world.journal.entriesAfter(0, Integer.MAX_VALUE);
        Map<Account, Map<Currency, Money>> sums = new HashMap<>();
        Map<Currency, Money> total = new HashMap<>();
        for (JournalEntry entry : entries) {
            assertThat(entry.totals().values()).allMatch(Money::isZero);
            for (Posting posting : entry.postings()) {
                sums.computeIfAbsent(posting.account(), account -> new HashMap<>())
                        .merge(posting.amount().currency(), posting.amount(), Money::plus);
                total.merge(posting.amount().currency(), posting.amount(), Money::plus);
            }
        }
        assertThat(total.values()).allMatch(Money::isZero);
        sums.forEach((account, perCurrency) ->
                assertThat(world.journal.balanceOf(account)).isEqualTo(perCurrency));
        assertThat(world.verifier.verify()).isEqualTo(new ChainVerification.Intact(entries.size()));

        Map<Currency, Money> held = new HashMap<>();
        for (TransactionId id : new HashSet<>(hired)) {
            Transaction tx = world.transactions.findById(id).orElseThrow();
            assertFollowsTheTable(tx);
            Map<Currency, Money> perTransaction = new HashMap<>();
            world.journal
                    .entriesOf(id)
                    .forEach(entry -> entry.postings()
                            .forEach(p -> perTransaction.merge(p.amount().currency(), p.amount(), Money::plus)));
            assertThat(perTransaction.values()).allMatch(Money::isZero);
            boolean inEscrow = tx.state() == TransactionState.PENDING
                    || (tx.state() == TransactionState.DISPUTED
                            && tx.settledAt().isEmpty());
            if (inEscrow) {
                held.merge(tx.amount().currency(), tx.amount(), Money::plus);
            }
        }
        // Escrow holds exactly the amounts whose fate is still open.
        Map<Currency, Money> escrow = new HashMap<>(world.journal.balanceOf(Account.ESCROW));
        escrow.values().removeIf(Money::isZero);
        assertThat(escrow).isEqualTo(held);
    }

    private static void assertFollowsTheTable(Transaction tx) {
        List<Transition> steps = tx.timeline();
        assertThat(steps.getFirst().from()).isEmpty();
        assertThat(steps.getFirst().to()).isEqualTo(TransactionState.PENDING);
        for (int i = 1; i < steps.size(); i++) {
            TransactionState from = steps.get(i).from().orElseThrow();
            TransactionState to = steps.get(i).to();
            assertThat(from).isEqualTo(steps.get(i - 1).to());
            assertThat(List.of(LedgerMove.values()))
                    .as("some move takes %s to %s", from, to)
                    .anyMatch(move -> TransitionTable.target(from, move).equals(Optional.of(to)));
        }
        assertThat(tx.state()).isEqualTo(steps.getLast().to());
        assertThat(tx.outcome().isPresent()).isEqualTo(tx.state() == TransactionState.RESOLVED);
    }

    @Property(tries = 200)
    void idempotentReplaysNeverCreateASecondTransaction(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 10_000) Integer> attempts) {
        LedgerFixture world = world(250);
        Map<String, TransactionId> firstByPayerAndKey = new HashMap<>();
        Map<String, HireRequest> requestByPayerAndKey = new HashMap<>();
        Set<TransactionId> created = new HashSet<>();

        for (int attempt : attempts) {
            String payer = attempt % 2 == 0 ? "a0" : "a1";
            String key = "replay-key-000000" + (attempt / 2) % 4;
            String amount = List.of("2.00", "3.00").get((attempt / 8) % 2);
            HireRequest request = new HireRequest(
                    AgentId.of(payer),
                    AgentId.of(payer.equals("a0") ? "a1" : "a0"),
                    Capability.of("python"),
                    Money.of(amount, "USDC"),
                    "",
                    IdempotencyKey.of(key));
            String scope = payer + "/" + key;
            try {
                HireResult result = world.ledger.hire(request);
                if (result.created()) {
                    assertThat(firstByPayerAndKey).doesNotContainKey(scope);
                    firstByPayerAndKey.put(scope, result.transaction().id());
                    requestByPayerAndKey.put(scope, request);
                    created.add(result.transaction().id());
                } else {
                    assertThat(result.transaction().id()).isEqualTo(firstByPayerAndKey.get(scope));
                    assertThat(requestByPayerAndKey.get(scope)).isEqualTo(request);
                }
            } catch (ConflictException mismatch) {
                assertThat(mismatch.code()).isEqualTo(ErrorCode.IDEMPOTENCY_MISMATCH);
                assertThat(requestByPayerAndKey.get(scope)).isNotEqualTo(request);
            }
        }

        assertThat(world.transactions.history(TransactionFilter.ALL, Optional.empty(), 1000))
                .hasSize(firstByPayerAndKey.size())
                .hasSize(created.size());
    }
}
