package dev.agentmarketplace.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.testing.LedgerFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TransactionQueriesTest {
    private static LedgerFixture world() {
        LedgerFixture world = new LedgerFixture();
        world.register(Agents.registration("payer", "planning"));
        world.register(Agents.registration("provider", Money.of("1.50", "USDC"), 1000, "python", "rust"));
        return world;
    }

    private static Transaction hire(LedgerFixture world, String capability) {
        return world.ledger
                .hire(world.request("payer", "provider", capability, "2.00"))
                .transaction();
    }

    @Test
    void transactionComesWithItsTimelineAndPostings() {
        LedgerFixture world = world();
        Transaction tx = hire(world, "python");
        world.ledger.settle(tx.id(), Actor.agent(tx.payer()), Optional.of("0xbeef"));

        TransactionDetails details = world.queries.get(tx.id());

        assertThat(details.transaction().timeline())
                .extracting(Transition::to)
                .containsExactly(TransactionState.PENDING, TransactionState.SETTLED);
        assertThat(details.entries()).extracting(JournalEntry::kind).containsExactly(EntryKind.HOLD, EntryKind.SETTLE);
        assertThat(details.postings())
                .contains(new Posting(Account.of(AgentId.of("provider")), Money.of("1.95", "USDC")));
    }

    @Test
    void unknownTransactionIsNotFound() {
        assertThatThrownBy(() -> world().queries.get(TransactionId.of("00000000-0000-4000-8000-0000000000ff")))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TRANSACTION_NOT_FOUND));
    }

    @Test
    void partiesArePayerThenProviderAndAnUnknownTransactionHasNone() {
        LedgerFixture world = world();
        Transaction tx = hire(world, "python");

        assertThat(world.queries.parties(tx.id())).containsExactly(tx.payer(), tx.provider());
        assertThatThrownBy(() -> world.queries.parties(TransactionId.of("00000000-0000-4000-8000-0000000000ff")))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TRANSACTION_NOT_FOUND));
    }

    @Test
    void historyFiltersByCapabilityAndState() {
        LedgerFixture world = world();
        Transaction python = hire(world, "python");
        hire(world, "rust");
        world.ledger.cancel(python.id(), Actor.agent(python.payer()));

        TransactionPage page = world.queries.history(
                TransactionFilter.ALL.withState(TransactionState.CANCELLED), Optional.empty(), 10);

        assertThat(page.transactions()).extracting(Transaction::id).containsExactly(python.id());
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void badCursorOrPageSizeIsAnInvalidValue() {
        LedgerFixture world = world();

        assertThatThrownBy(() -> world.queries.history(TransactionFilter.ALL, Optional.of("not-a-cursor"), 10))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("cursor:");
        assertThatThrownBy(() -> world.queries.history(TransactionFilter.ALL, Optional.empty(), 0))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("limit: must be between 1 and 200, was 0");
    }

    @Property(tries = 30)
    void followingCursorsVisitsEveryTransactionOnceInCreationOrder(
            @ForAll @IntRange(min = 0, max = 25) int hires, @ForAll @IntRange(min = 1, max = 7) int pageSize) {
        LedgerFixture world = world();
        List<TransactionId> expected = new ArrayList<>();
        for (int i = 0; i < hires; i++) {
            expected.add(hire(world, i % 2 == 0 ? "python" : "rust").id());
            if (i % 3 == 0) {
                world.clock.advance(Duration.ofMillis(1));
            }
        }

        List<TransactionId> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            TransactionPage page = world.queries.history(TransactionFilter.ALL, cursor, pageSize);
            assertThat(page.transactions()).hasSizeLessThanOrEqualTo(pageSize);
            page.transactions().forEach(tx -> seen.add(tx.id()));
            cursor = page.nextCursor();
        } while (cursor.isPresent());

        assertThat(seen).containsExactlyElementsOf(expected);
        List<TransactionId> exported = new ArrayList<>();
        assertThat(world.queries.export(TransactionFilter.ALL, tx -> exported.add(tx.id())))
                .isEqualTo(hires);
        assertThat(exported).containsExactlyElementsOf(expected);
    }

    @Property(tries = 30)
    void followingRecentCursorsVisitsEveryTransactionOnceNewestFirst(
            @ForAll @IntRange(min = 0, max = 25) int hires, @ForAll @IntRange(min = 1, max = 7) int pageSize) {
        LedgerFixture world = world();
        List<TransactionId> expected = new ArrayList<>();
        for (int i = 0; i < hires; i++) {
            expected.addFirst(hire(world, i % 2 == 0 ? "python" : "rust").id());
            if (i % 3 == 0) {
                world.clock.advance(Duration.ofMillis(1));
            }
        }

        List<TransactionId> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            TransactionPage page = world.queries.recent(TransactionFilter.ALL, cursor, pageSize);
            assertThat(page.transactions()).hasSizeLessThanOrEqualTo(pageSize);
            page.transactions().forEach(tx -> seen.add(tx.id()));
            cursor = page.nextCursor();
        } while (cursor.isPresent());

        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void recentRefusesACursorItDidNotIssue() {
        assertThatThrownBy(() -> world().queries.recent(TransactionFilter.ALL, Optional.of("bm90IGEgY3Vyc29y"), 10))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("cursor:");
    }
}
