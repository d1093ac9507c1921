package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.KeysetPages;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.access.Role;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The journal as operators read it: every account's balance a page at a time (from the balances
 * rollup, never a sum over the journal per request), the head of the hash chain, and the chain's
 * verification in bounded steps ({@link JournalVerifier#verifySegment}), an operator's explicit
 * action rather than part of reading a page.
 */
public final class JournalBook {
    public static final int MAX_PAGE_SIZE = 200;

    private final JournalRepository journal;
    private final JournalVerifier verifier;
    private final UnitOfWork unitOfWork;

    public JournalBook(JournalRepository journal, JournalVerifier verifier, UnitOfWork unitOfWork) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
    }

    /** A page of balances in (account, currency) order; pass the returned cursor as {@code after}. */
    public Page balances(Caller operator, Optional<AccountBalance.Cursor> after, int limit) {
        operator.require(Role.OPERATOR);
        return unitOfWork.execute(() -> KeysetPages.read(
                limit, MAX_PAGE_SIZE, rows -> journal.balances(after, rows), AccountBalance.Cursor::of, Page::new));
    }

    /** The last entry's sequence and hash. */
    public JournalHead head(Caller operator) {
        operator.require(Role.OPERATOR);
        return unitOfWork.execute(journal::head);
    }

    /** Verifies up to {@code maxEntries} entries after {@code from}; see {@link JournalVerifier#verifySegment}. */
    public JournalVerifier.SegmentVerification verify(Caller operator, JournalHead from, int maxEntries) {
        operator.require(Role.OPERATOR);
        return unitOfWork.execute(() -> verifier.verifySegment(from, maxEntries));
    }

    /** One page of balances; {@code nextCursor} is present when more follow. */
    public record Page(List<AccountBalance> balances, Optional<AccountBalance.Cursor> nextCursor) {
        public Page {
            balances = List.copyOf(balances);
        }
    }
}
