package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.ShownText;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One step of a transaction's timeline: from which state (none for the hire itself) to which, by whom, when. */
public record Transition(Optional<TransactionState> from, TransactionState to, Actor actor, Instant at, String note) {
    public Transition {
        from = from == null ? Optional.empty() : from;
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        note = note == null ? "" : ShownText.multiline("note", note);
    }
}
