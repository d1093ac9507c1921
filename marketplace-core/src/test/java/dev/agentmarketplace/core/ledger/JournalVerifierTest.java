package dev.agentmarketplace.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.testing.LedgerFixture;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class JournalVerifierTest {
    /** A journal whose stored entries someone edited behind the ledger's back. */
    private record Tampered(JournalRepository stored, long sequence, TamperKind kind) implements JournalRepository {
        @Override
        public void enqueue(UnchainedEntry entry) {
            stored.enqueue(entry);
        }

        @Override
        public List<UnchainedEntry> unchained(int limit) {
            return stored.unchained(limit);
        }

        @Override
        public JournalHead lockHead() {
            return stored.lockHead();
        }

        @Override
        public void appendAll(List<JournalEntry> entries) {
            stored.appendAll(entries);
        }

        @Override
        public List<JournalEntry> entriesOf(TransactionId transaction) {
            return stored.entriesOf(transaction);
        }

        @Override
        public List<JournalEntry> entriesAfter(long after, int limit) {
            List<JournalEntry> page = new ArrayList<>();
            for (JournalEntry entry : stored.entriesAfter(after, limit)) {
                if (entry.sequence() != sequence) {
                    page.add(entry);
                } else if (kind != TamperKind.DELETE) {
                    page.add(kind.apply(entry));
                }
            }
            return page;
        }

        @Override
        public Map<Currency, Money> balanceOf(Account account) {
            return stored.balanceOf(account);
        }

        @Override
        public JournalHead head() {
            return stored.head();
        }

        @Override
        public List<AccountBalance> balances(java.util.Optional<AccountBalance.Cursor> after, int limit) {
            return stored.balances(after, limit);
        }
    }

    enum TamperKind {
        AMOUNT,
        ACCOUNT,
        TIME,
        KIND,
        PREVIOUS_HASH,
        HASH,
        DELETE;

        JournalEntry apply(JournalEntry e) {
            return switch (this) {
                case AMOUNT -> copy(e, e.kind(), e.at(), shifted(e.postings()), e.previousHash(), e.hash());
                case ACCOUNT -> copy(e, e.kind(), e.at(), redirected(e.postings()), e.previousHash(), e.hash());
                case TIME -> copy(e, e.kind(), e.at().plusSeconds(1), e.postings(), e.previousHash(), e.hash());
                case KIND ->
                    copy(
                            e,
                            e.kind() == EntryKind.VOID ? EntryKind.EXPIRE : EntryKind.VOID,
                            e.at(),
                            e.postings(),
                            e.previousHash(),
                            e.hash());
                case PREVIOUS_HASH -> copy(e, e.kind(), e.at(), e.postings(), "1".repeat(64), e.hash());
                case HASH -> copy(e, e.kind(), e.at(), e.postings(), e.previousHash(), "2".repeat(64));
                case DELETE -> e;
            };
        }

        private static JournalEntry copy(
                JournalEntry e, EntryKind kind, Instant at, List<Posting> postings, String previous, String hash) {
            return new JournalEntry(e.sequence(), e.id(), e.transactionId(), kind, at, postings, previous, hash);
        }

        private static List<Posting> shifted(List<Posting> postings) {
            List<Posting> changed = new ArrayList<>(postings);
            Posting first = changed.getFirst();
            Money cent = Money.ofMinorUnits(BigInteger.ONE, first.amount().currency());
            changed.set(0, new Posting(first.account(), first.amount().plus(cent)));
            return changed;
        }

        private static List<Posting> redirected(List<Posting> postings) {
            List<Posting> changed = new ArrayList<>(postings);
            Posting first = changed.getFirst();
            changed.set(0, new Posting(Account.of(AgentId.of("thief")), first.amount()));
            return changed;
        }
    }

    private static LedgerFixture journalOf(int hires) {
        LedgerFixture world = new LedgerFixture();
        world.register(Agents.registration("payer", "planning"));
        world.register(Agents.registration("provider", Money.of("1.50", "USDC"), 1000, "python"));
        for (int i = 0; i < hires; i++) {
            Transaction tx = world.ledger
                    .hire(world.request("payer", "provider", "python", "2.00"))
                    .transaction();
            if (i % 2 == 0) {
                world.ledger.settle(tx.id(), Actor.agent(tx.payer()), Optional.empty());
            } else {
                world.ledger.cancel(tx.id(), Actor.agent(tx.payer()));
            }
            world.clock.advance(Duration.ofSeconds(1));
        }
        return world;
    }

    @Test
    void emptyJournalIsIntact() {
        assertThat(new LedgerFixture().verifier.verify()).isEqualTo(new ChainVerification.Intact(0));
    }

    @Test
    void untouchedJournalIsIntact() {
        assertThat(journalOf(5).verifier.verify()).isEqualTo(new ChainVerification.Intact(10));
    }

    @Test
    void changedAmountIsReportedAtItsEntryWithTheReason() {
        LedgerFixture world = journalOf(3);

        ChainVerification result = new JournalVerifier(new Tampered(world.journal, 4, TamperKind.AMOUNT)).verify();

        assertThat(result).isInstanceOfSatisfying(ChainVerification.Broken.class, broken -> {
            assertThat(broken.sequence()).isEqualTo(4);
            assertThat(broken.problem()).startsWith("stored hash ").contains("does not match its content");
        });
    }

    @Property(tries = 100)
    void tamperingWithAnyStoredEntryIsReportedAtExactlyThatLink(
            @ForAll @IntRange(min = 1, max = 6) int hires,
            @ForAll @IntRange(min = 1, max = 12) int target,
            @ForAll TamperKind kind) {
        LedgerFixture world = journalOf(hires);
        long sequence = Math.min(target, 2L * hires);

        ChainVerification result = new JournalVerifier(new Tampered(world.journal, sequence, kind)).verify();

        if (kind == TamperKind.DELETE && sequence == 2L * hires) {
            // Dropping the last entry leaves a shorter chain that is still intact; the head
            // (kept by the repository) is what reveals it, not the walk.
            assertThat(result).isEqualTo(new ChainVerification.Intact(sequence - 1));
        } else {
            assertThat(result)
                    .isInstanceOfSatisfying(
                            ChainVerification.Broken.class,
                            broken -> assertThat(broken.sequence()).isEqualTo(sequence));
        }
    }

    @Test
    void segmentsVerifyTheWholeChainInBoundedStepsEachContinuingWhereTheLastEnded() {
        LedgerFixture world = journalOf(5);
        List<JournalEntry> entries = world.journal.entriesAfter(0, 100);

        JournalVerifier.SegmentVerification first = world.verifier.verifySegment(JournalHead.GENESIS, 4);
        JournalVerifier.SegmentVerification second = world.verifier.verifySegment(first.through(), 4);
        JournalVerifier.SegmentVerification last = world.verifier.verifySegment(second.through(), 4);

        assertThat(first.through()).isEqualTo(new JournalHead(4, entries.get(3).hash()));
        assertThat(first.atHead()).isFalse();
        assertThat(first.verifiedEntries()).isEqualTo(4);
        assertThat(second.through().sequence()).isEqualTo(8);
        assertThat(last.through()).isEqualTo(new JournalHead(10, entries.get(9).hash()));
        assertThat(last.verifiedEntries()).isEqualTo(2);
        assertThat(last.atHead()).isTrue();
        assertThat(List.of(first, second, last))
                .allSatisfy(segment -> assertThat(segment.broken()).isEmpty());
    }

    @Test
    void segmentEndingExactlyAtTheHeadSaysSo() {
        LedgerFixture world = journalOf(2);

        JournalVerifier.SegmentVerification whole = world.verifier.verifySegment(JournalHead.GENESIS, 4);

        assertThat(whole.through().sequence()).isEqualTo(4);
        assertThat(whole.atHead()).isTrue();
    }

    @Test
    void segmentStopsAtTheFirstBrokenLinkAfterItsStart() {
        LedgerFixture world = journalOf(4);
        JournalVerifier verifier = new JournalVerifier(new Tampered(world.journal, 6, TamperKind.AMOUNT));
        JournalVerifier.SegmentVerification start = verifier.verifySegment(JournalHead.GENESIS, 3);

        JournalVerifier.SegmentVerification found = verifier.verifySegment(start.through(), 100);

        assertThat(found.through().sequence()).isEqualTo(5);
        assertThat(found.broken())
                .hasValueSatisfying(broken -> assertThat(broken.sequence()).isEqualTo(6));
        assertThat(found.atHead()).isFalse();
    }

    @Test
    void segmentFromAHeadNoEntryHasIsBrokenAtTheNextEntry() {
        LedgerFixture world = journalOf(2);

        JournalVerifier.SegmentVerification made_up =
                world.verifier.verifySegment(JournalHead.of(2, "ab".repeat(32)), 10);

        assertThat(made_up.broken()).hasValueSatisfying(broken -> {
            assertThat(broken.sequence()).isEqualTo(3);
            assertThat(broken.problem()).contains("is not the hash of the entry before");
        });
        assertThat(made_up.verifiedEntries()).isZero();
    }

    @Test
    void segmentIsBoundedAndItsStartIsValidated() {
        LedgerFixture world = journalOf(1);

        assertThatThrownBy(() -> world.verifier.verifySegment(JournalHead.GENESIS, 0))
                .isInstanceOf(dev.agentmarketplace.core.InvalidValueException.class);
        assertThatThrownBy(() -> world.verifier.verifySegment(JournalHead.GENESIS, JournalVerifier.MAX_SEGMENT + 1))
                .isInstanceOf(dev.agentmarketplace.core.InvalidValueException.class);
        assertThatThrownBy(() -> JournalHead.of(1, "XYZ"))
                .isInstanceOfSatisfying(
                        dev.agentmarketplace.core.InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("from"));
        assertThatThrownBy(() -> JournalHead.of(-1, "0".repeat(64)))
                .isInstanceOf(dev.agentmarketplace.core.InvalidValueException.class);
    }

    @Test
    void canonicalEncodingIsPinned() {
        JournalEntry entry = JournalEntry.chained(
                JournalHead.GENESIS,
                UUID.fromString("00000000-0000-4000-8000-000000000002"),
                TransactionId.of("00000000-0000-4000-8000-000000000001"),
                EntryKind.HOLD,
                Instant.parse("2026-11-26T08:00:00.123456789Z"),
                List.of(
                        new Posting(Account.ESCROW, Money.of("2", "USDC")),
                        new Posting(Account.of(AgentId.of("payer")), Money.of("-2", "USDC"))));

        assertThat(entry.sequence()).isEqualTo(1);
        assertThat(entry.previousHash()).isEqualTo("0".repeat(64));
        assertThat(entry.at()).isEqualTo(Instant.parse("2026-11-26T08:00:00.123456Z"));
        assertThat(JournalEntry.canonicalEncoding(
                        entry.previousHash(),
                        1,
                        entry.id(),
                        entry.transactionId(),
                        entry.kind(),
                        entry.at(),
                        entry.postings()))
                .isEqualTo("journal-entry-v1\n" + "0".repeat(64) + "\n1\n00000000-0000-4000-8000-000000000002\n"
                        + "00000000-0000-4000-8000-000000000001\nHOLD\n1795680000123456\n"
                        + "agent:payer|USDC|-2.000000\nescrow|USDC|2.000000\n");
        // SHA-256 of the encoding above, computed independently (Python's hashlib).
        assertThat(entry.hash()).isEqualTo("d8486d6fce03a77dedc613f5fd994541be932e33b136916e2fd0dff7e489cb6d");
    }
}
