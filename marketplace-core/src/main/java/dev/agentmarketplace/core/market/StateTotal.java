package dev.agentmarketplace.core.market;

import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Money;
import java.util.Objects;

/** Every transaction ever created in one currency that is now in {@code state}: how many and their summed amount. */
public record StateTotal(TransactionState state, long transactions, Money amount) {
    public StateTotal {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(amount, "amount");
        if (transactions < 0) {
            throw new IllegalArgumentException("transactions must not be negative, was " + transactions);
        }
    }
}
