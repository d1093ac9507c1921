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
 *
 * <p>Two bounds (issue 11). Every amount read from outside ({@link #of(String, String)}: prices,
 * hires, refunds, price ceilings, cursors) is below {@link #MAX_AMOUNT} = 10^15 in magnitude, at
 * most {@link #MAX_INTEGER_DIGITS} digits before the point, so stored amounts and their sums stay far
 * within the 20 integer digits of a {@code NUMERIC(38, 18)} column. Any money at all has at most
 * {@link #MAX_HELD_INTEGER_DIGITS} integer digits: a uint256 of minor units, the most an x402
 * payment or a settlement receipt carries, fits; a value such as {@code 1e999999999} is refused
 * before it is rescaled.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {
    /** Digits before the decimal point of an amount read from outside. */
    public static final int MAX_INTEGER_DIGITS = 15;

    /** Every amount read from outside is below this in magnitude: 10^15, exclusive. */
    public static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(MAX_INTEGER_DIGITS);

    /** Digits before the decimal point of any money: 78, those of the largest uint256. */
    public static final int MAX_HELD_INTEGER_DIGITS = 78;

    private static final BigDecimal BASIS_POINTS_PER_UNIT = BigDecimal.valueOf(10_000);

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        // Precision and scale first: they cost nothing, where stripping, rescaling or printing a
        // value such as 1e999999999 would expand it.
        if (Decimals.integerDigits(amount) > MAX_HELD_INTEGER_DIGITS) {
            throw new InvalidValueException(
                    "amount",
                    Decimals.shown(amount) + " is too large to hold (at most " + MAX_HELD_INTEGER_DIGITS
                            + " digits before the decimal point)");
        }
        if (Decimals.decimals(amount) > currency.scale()) {
            throw new InvalidValueException(
                    "amount",
                    Decimals.shown(amount) + " has more than " + currency.scale() + " decimals, the most "
                            + currency.code() + " allows");
        }
        // Rescaled from the stripped value, whose scale is small: rescaling 0E-999999999 itself would not be.
        amount = amount.stripTrailingZeros().setScale(currency.scale(), RoundingMode.UNNECESSARY);
    }

    /**
     * Money read from outside: {@code amount} as {@link Decimals#parse} reads it, below {@link
     * #MAX_AMOUNT} in magnitude, with at most the currency's decimals.
     *
     * @throws InvalidValueException naming {@code amount} or {@code currency}
     */
    public static Money of(String amount, String currency) {
        Currency unit = Currency.of(currency);
        BigDecimal value = Decimals.parse("amount", amount);
        if (Decimals.integerDigits(value) > MAX_INTEGER_DIGITS) {
            throw new InvalidValueException(
                    "amount",
                    Decimals.shown(amount) + " is too large: amounts are below 10^" + MAX_INTEGER_DIGITS + " (at most "
                            + MAX_INTEGER_DIGITS + " digits before the decimal point)");
        }
        return of(value, unit);
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
}
