package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.money.Money;
import java.util.Objects;

/** One signed line of a journal entry: {@code amount} added to (or, when negative, taken from) {@code account}. */
public record Posting(Account account, Money amount) {
    public Posting {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(amount, "amount");
    }
}
