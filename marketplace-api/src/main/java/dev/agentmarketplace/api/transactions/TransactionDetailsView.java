package dev.agentmarketplace.api.transactions;

import dev.agentmarketplace.api.http.Amount;
import dev.agentmarketplace.core.ledger.JournalEntry;
import dev.agentmarketplace.core.ledger.Posting;
import dev.agentmarketplace.core.ledger.TransactionDetails;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A transaction with the journal entries that moved its money. */
@Schema(name = "TransactionDetails")
public record TransactionDetailsView(
        TransactionView transaction,

        @Schema(description = "Journal entries of this transaction in journal order; each one's postings sum to zero")
        List<EntryView> journal) {

    /** One hash-chained journal entry. */
    @Schema(name = "JournalEntry")
    public record EntryView(
            @Schema(description = "Position in the whole journal", examples = "42")
            long sequence,

            @Schema(enumeration = {"HOLD", "SETTLE", "VOID", "EXPIRE", "RESOLVE"})
            String kind,

            Instant at,

            @Schema(description = "SHA-256 of the entry's canonical encoding, hex")
            String hash,

            @Schema(description = "Hash of the entry before it, hex")
            String previousHash,

            List<PostingView> postings) {

        static EntryView of(JournalEntry entry) {
            return new EntryView(
                    entry.sequence(),
                    entry.kind().name(),
                    entry.at(),
                    entry.hash(),
                    entry.previousHash(),
                    entry.postings().stream().map(PostingView::of).toList());
        }
    }

    /** An amount added to an account, or taken from it when negative. */
    @Schema(name = "Posting")
    public record PostingView(
            @Schema(description = "agent:<id>, escrow or platform-fees", examples = "escrow")
            String account,

            Amount amount) {

        static PostingView of(Posting posting) {
            return new PostingView(posting.account().name(), Amount.of(posting.amount()));
        }
    }

    static TransactionDetailsView of(TransactionDetails details) {
        return new TransactionDetailsView(
                TransactionView.of(details.transaction()),
                details.entries().stream().map(EntryView::of).toList());
    }
}
