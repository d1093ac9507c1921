package dev.agentmarketplace.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.testing.InMemoryJournalRepository;
import dev.agentmarketplace.core.testing.InMemoryUnitOfWork;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JournalChainTest {
    private static final Instant AT = Instant.parse("2026-12-03T10:00:00.123456789Z");

    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final InMemoryJournalRepository journal = InMemoryJournalRepository.queueing(unitOfWork);
    private final JournalChain chain = new JournalChain(journal, unitOfWork);

    @Test
    void queuedEntriesAreNotInTheChainUntilChained() {
        UnchainedEntry hold = entry(1);
        unitOfWork.run(() -> journal.enqueue(hold));

        assertThat(journal.head()).isEqualTo(JournalHead.GENESIS);
        assertThat(journal.unchained(10)).containsExactly(hold);
    }

    @Test
    void chainingLinksQueuedEntriesInQueueOrderAndEmptiesTheQueue() {
        List<UnchainedEntry> queued =
                IntStream.rangeClosed(1, 3).mapToObj(JournalChainTest::entry).toList();
        queued.forEach(entry -> unitOfWork.run(() -> journal.enqueue(entry)));

        assertThat(chain.chainAll()).isEqualTo(3);

        List<JournalEntry> chained = journal.entriesAfter(0, 10);
        assertThat(chained)
                .extracting(JournalEntry::id)
                .containsExactlyElementsOf(
                        queued.stream().map(UnchainedEntry::id).toList());
        assertThat(chained).extracting(JournalEntry::sequence).containsExactly(1L, 2L, 3L);
        assertThat(chained.get(0).previousHash()).isEqualTo(JournalEntry.GENESIS_HASH);
        assertThat(chained.get(1).previousHash()).isEqualTo(chained.get(0).hash());
        assertThat(chained).allSatisfy(entry -> assertThat(entry.hash()).isEqualTo(entry.expectedHash()));
        assertThat(new JournalVerifier(journal).verify()).isEqualTo(new ChainVerification.Intact(3));
        assertThat(journal.unchained(10)).isEmpty();
    }

    @Test
    void anEntryChainsToTheSameHashAsOneChainedDirectly() {
        UnchainedEntry hold = entry(7);
        unitOfWork.run(() -> journal.enqueue(hold));

        chain.chainAll();

        JournalEntry direct = JournalEntry.chained(
                JournalHead.GENESIS, hold.id(), hold.transactionId(), hold.kind(), AT, hold.postings());
        assertThat(journal.entriesAfter(0, 1)).containsExactly(direct);
    }

    @Test
    void moreThanABatchIsChainedInSeveralUnitsOfWorkAndNothingIsLeft() {
        int queued = JournalChain.BATCH * 2 + 17;
        IntStream.rangeClosed(1, queued).forEach(n -> unitOfWork.run(() -> journal.enqueue(entry(n))));

        assertThat(chain.chainNextBatch()).isEqualTo(JournalChain.BATCH);
        assertThat(chain.chainAll()).isEqualTo(queued - JournalChain.BATCH);

        assertThat(journal.head().sequence()).isEqualTo(queued);
        assertThat(journal.unchained(1)).isEmpty();
        assertThat(chain.chainAll()).isZero();
    }

    @Test
    void anEntryQueuedByAUnitOfWorkThatRolledBackIsNeverChained() {
        assertThatThrownBy(() -> unitOfWork.run(() -> {
                    journal.enqueue(entry(1));
                    throw new IllegalStateException("the move failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(chain.chainAll()).isZero();
        assertThat(journal.head()).isEqualTo(JournalHead.GENESIS);
    }

    @Test
    void anEntryThatDoesNotBalanceCannotBeQueued() {
        Currency usdc = Currency.of("USDC");
        assertThatThrownBy(() -> new UnchainedEntry(
                        UUID.randomUUID(),
                        TransactionId.of(UUID.randomUUID().toString()),
                        EntryKind.HOLD,
                        AT,
                        List.of(new Posting(Account.ESCROW, Money.of(BigDecimal.ONE, usdc)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum to zero");
    }

    private static UnchainedEntry entry(int n) {
        Currency usdc = Currency.of("USDC");
        Money amount = Money.of(BigDecimal.valueOf(n), usdc);
        return new UnchainedEntry(
                UUID.nameUUIDFromBytes(("entry-" + n).getBytes()),
                TransactionId.of(UUID.nameUUIDFromBytes(("tx-" + n).getBytes()).toString()),
                EntryKind.HOLD,
                AT,
                List.of(
                        new Posting(Account.ESCROW, amount),
                        new Posting(Account.parse("agent:payer-" + n), amount.negate())));
    }
}
