package dev.agentmarketplace.api.ledger;

import dev.agentmarketplace.core.ledger.ChainVerification;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What walking the hash-chained journal from its first entry found. */
@Schema(name = "JournalVerification", description = "The journal's hash chain, checked from its first entry")
public record VerificationView(
        @Schema(description = "Whether every entry links to its predecessor, carries its true hash and balances")
        boolean intact,

        @Schema(
                description =
                        "Entries checked: all of them when intact, else up to and including the first" + " broken one",
                examples = "1024")
        long entriesChecked,

        @Schema(description = "The first broken link; null when the chain is intact", nullable = true)
        BrokenLinkView firstBroken) {

    /** The first entry (or gap) that is wrong, and why. */
    @Schema(name = "BrokenLink")
    public record BrokenLinkView(
            @Schema(description = "Sequence number of the entry, or of the missing one", examples = "17")
            long sequence,

            @Schema(examples = "stored hash 9f... does not match its content, which hashes to 4c...")
            String problem) {}

    static VerificationView of(ChainVerification verification) {
        return switch (verification) {
            case ChainVerification.Intact(long entries) -> new VerificationView(true, entries, null);
            case ChainVerification.Broken(long sequence, String problem) ->
                new VerificationView(false, sequence, new BrokenLinkView(sequence, problem));
        };
    }
}
