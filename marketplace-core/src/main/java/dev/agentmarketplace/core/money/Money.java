package dev.agentmarketplace.core.money;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.RuleViolationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact amount in one currency, always held at the currency's scale ({@code 1.5 USD} is
 * {@code 1.50}). An amount with more decimals than the currency allows is refused, never rounded.
 * Amounts may be negative: journal postings are signed.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {
    private static final BigDecimal BASIS_POINTS_PER_UNIT = BigDecimal.valueOf(10_000);

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        BigDecimal plain = amount.stripTrailingZeros();
        if (plain.scale() > currency.scale()) {
            throw new InvalidValueException(
                    "amount",
                    amount.toPlainString() + " has more than " + currency.scale() + " decimals, the most "
                            + currency.code() + " allows");
        }
        amount = amount.setScale(currency.scale(), RoundingMode.UNNECESSARY);
    }

    public static Money of(String amount, String currency) {
        return of(parse(amount), Currency.of(currency));
    }

    public static Money of(BigDecimal amount, Currency currency) {
        return new Money(amount, currency);
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** An amount given in the currency's smallest unit, as x402 carries it (USDC 1.5 is 1500000). */
    public static Money ofMinorUnits(BigInteger units, Currency currency) {
        return new Money(new BigDecimal(units, currency.scale()), currency);
    }

    public BigInteger toMinorUnits() {
        return amount.unscaledValue();
    }

    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other).amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    /** This amount times {@code basisPoints}/10000, rounded down to the currency's scale. */
    public Money basisPoints(int basisPoints) {
        BigDecimal share = amount.multiply(BigDecimal.valueOf(basisPoints))
                .divide(BASIS_POINTS_PER_UNIT, currency.scale(), RoundingMode.DOWN);
        return new Money(share, currency);
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(sameCurrency(other).amount);
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.code();
    }

    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new RuleViolationException(
                    ErrorCode.CURRENCY_MISMATCH, "cannot combine " + this + " with " + other + ": currencies differ");
        }
        return other;
    }

    private static BigDecimal parse(String amount) {
        if (amount == null) {
            throw new InvalidValueException("amount", "must not be null");
        }
        try {
            return new BigDecimal(amount.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValueException("amount", "'" + amount + "' is not a decimal number");
        }
    }
}
