package dev.agentmarketplace.dashboard.payment;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.payment.PaymentState;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The tabs of the payments page: the payments awaiting reconciliation first, then the outbox by state. */
public enum OutboxView {
    UNKNOWN("Outcome unknown", Optional.of(PaymentState.OUTCOME_UNKNOWN)),
    STALE("Stale paid hires", Optional.empty()),
    PENDING("Pending", Optional.of(PaymentState.PENDING)),
    SENDING("Sending", Optional.of(PaymentState.SENDING)),
    SETTLED("Settled", Optional.of(PaymentState.SETTLED)),
    FAILED("Failed", Optional.of(PaymentState.FAILED));

    private final String label;
    private final Optional<PaymentState> state;

    OutboxView(String label, Optional<PaymentState> state) {
        this.label = label;
        this.state = state;
    }

    public String label() {
        return label;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Optional<PaymentState> state() {
        return state;
    }

    /** Whether its payments may be reconciled by hand. */
    public boolean reconcilable() {
        return this == UNKNOWN || this == STALE;
    }

    /** @throws InvalidValueException on field {@code view} for a tab that does not exist */
    public static OutboxView parse(String key) {
        if (key == null || key.isBlank()) {
            return UNKNOWN;
        }
        return Arrays.stream(values())
                .filter(view -> view.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new InvalidValueException("view", "is not one of the payment tabs"));
    }
}
