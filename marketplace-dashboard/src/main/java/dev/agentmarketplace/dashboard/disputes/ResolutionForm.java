package dev.agentmarketplace.dashboard.disputes;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.dashboard.transactions.FormErrors;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The resolve form as typed: an outcome, a refund for a partial one (in the transaction's currency)
 * and a note. {@link #read} turns it into the core's outcome, each refusal kept beside its field;
 * the note is checked by the desk's own rule ({@link DisputeDesk#checkNote}).
 */
public record ResolutionForm(String outcome, String refund, String note) {
    public static final ResolutionForm EMPTY = new ResolutionForm("", "", "");

    public ResolutionForm {
        outcome = outcome == null ? "" : outcome.strip();
        refund = refund == null ? "" : refund.strip();
        note = note == null ? "" : note;
    }

    public List<DisputeOutcome.Kind> outcomes() {
        return List.of(DisputeOutcome.Kind.values());
    }

    /** The outcome, or empty with the refusals in {@code errors}. */
    public Optional<DisputeOutcome> read(Currency currency, FormErrors errors) {
        Optional<DisputeOutcome.Kind> kind = Optional.empty();
        if (outcome.isEmpty()) {
            errors.add("outcome", "choose how the dispute ends");
        } else {
            try {
                kind = Optional.of(DisputeOutcome.Kind.valueOf(outcome.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.add("outcome", "must be provider upheld, full refund or partial refund");
            }
        }
        Optional<Money> amount = Optional.empty();
        if (!refund.isEmpty()) {
            try {
                amount = Optional.of(Money.of(refund, currency.code()));
            } catch (InvalidValueException e) {
                errors.add("refund", e);
            }
        }
        try {
            DisputeDesk.checkNote(note);
        } catch (InvalidValueException e) {
            errors.add("note", e);
        }
        if (kind.isEmpty() || !errors.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DisputeOutcome.of(kind.get(), amount));
        } catch (InvalidValueException e) {
            errors.add("refund", e);
            return Optional.empty();
        }
    }
}
