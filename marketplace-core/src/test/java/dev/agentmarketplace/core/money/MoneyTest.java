package dev.agentmarketplace.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.RuleViolationException;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void holdsAmountsAtTheCurrencyScale() {
        assertThat(Money.of("1.5", "USD").amount().toPlainString()).isEqualTo("1.50");
        assertThat(Money.of("1.5", "USDC").amount().toPlainString()).isEqualTo("1.500000");
        assertThat(Money.of("700", "JPY").amount().toPlainString()).isEqualTo("700");
    }

    @Test
    void refusesMoreDecimalsThanTheCurrencyHasInsteadOfRounding() {
        assertThatThrownBy(() -> Money.of("1.005", "USD"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("amount: 1.005 has more than 2 decimals, the most USD allows");
        assertThatThrownBy(() -> Money.of("1.5", "JPY")).isInstanceOf(InvalidValueException.class);
        assertThat(Money.of("1.2300", "USD").amount().toPlainString()).isEqualTo("1.23");
    }

    @Test
    void refusesUnknownCurrenciesAndNonNumbers() {
        assertThatThrownBy(() -> Currency.of("DOGE"))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("currency"));
        assertThatThrownBy(() -> Money.of("1,50", "USD")).hasMessage("amount: '1,50' is not a decimal number");
    }

    @Test
    void convertsToAndFromAtomicUnits() {
        Money price = Money.of("0.01", "USDC");
        assertThat(price.toMinorUnits()).isEqualTo(BigInteger.valueOf(10_000));
        assertThat(Money.ofMinorUnits(BigInteger.valueOf(10_000), Currency.USDC))
                .isEqualTo(price);
    }

    @Test
    void refusesToCombineDifferentCurrencies() {
        assertThatThrownBy(() -> Money.of("1", "USD").plus(Money.of("1", "EUR")))
                .isInstanceOfSatisfying(
                        RuleViolationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH));
    }

    @Test
    void basisPointsRoundDown() {
        assertThat(Money.of("0.99", "USD").basisPoints(250)).isEqualTo(Money.of("0.02", "USD"));
        assertThat(Money.of("10.00", "USD").basisPoints(250)).isEqualTo(Money.of("0.25", "USD"));
    }

    @Property
    void feeAndRemainderAlwaysAddBackToTheAmount(
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long minorUnits,
            @ForAll @IntRange(min = 0, max = 10_000) int basisPoints) {
        Money amount = Money.ofMinorUnits(BigInteger.valueOf(minorUnits), Currency.USDC);
        Money fee = amount.basisPoints(basisPoints);
        assertThat(fee.isNegative()).isFalse();
        assertThat(fee.isGreaterThan(amount)).isFalse();
        assertThat(amount.minus(fee).plus(fee)).isEqualTo(amount);
    }
}
