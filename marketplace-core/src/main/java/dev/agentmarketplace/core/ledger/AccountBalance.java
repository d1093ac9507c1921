package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import java.util.Objects;

/** The balance of one account in one currency: the sum of every posting to it in that currency. */
public record AccountBalance(Account account, Money balance) {
    public AccountBalance {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(balance, "balance");
    }

    /**
     * Where a page of balances ends, in (account name, currency) order. Its text form ({@link
     * #toString}, {@link #parse}) is what a page hands back as its {@code after}.
     */
    public record Cursor(Account account, Currency currency) {
        private static final char SEPARATOR = '~';

        public Cursor {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(currency, "currency");
        }

        public static Cursor of(AccountBalance balance) {
            return new Cursor(balance.account(), balance.balance().currency());
        }

        /** @throws InvalidValueException on field {@code after} for anything {@link #toString} did not write */
        public static Cursor parse(String text) {
            int separator = text == null ? -1 : text.lastIndexOf(SEPARATOR);
            if (separator < 0 || text.length() > 100) {
                throw invalid();
            }
            try {
                return new Cursor(
                        Account.parse(text.substring(0, separator)), Currency.of(text.substring(separator + 1)));
            } catch (InvalidValueException e) {
                throw invalid();
            }
        }

        private static InvalidValueException invalid() {
            return new InvalidValueException("after", "is not a cursor of the account balances");
        }

        @Override
        public String toString() {
            return account.name() + SEPARATOR + currency.code();
        }
    }
}
