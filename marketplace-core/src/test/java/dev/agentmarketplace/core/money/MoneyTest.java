package dev.agentmarketplace.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.RuleViolationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    // --- issue 11: amounts read from outside are bounded before any expansion ----------------------

    @ParameterizedTest
    @ValueSource(strings = {"1e-9999999", "1e-99999999", "1e-999999999", "1E-2147483647", "-1e-999999999"})
    void refusesAHugeNegativeExponentQuicklyWithoutEchoingTheExpansion(String amount) {
        InvalidValueException refused =
                assertTimeoutPreemptively(Duration.ofSeconds(2), () -> refusal(() -> Money.of(amount, "USDC")));

        assertThat(refused.field()).isEqualTo("amount");
        assertThat(refused.getMessage()).hasSizeLessThan(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "1e20", "1e23", "1e999999999", "1E+2147483647", "1e16", "-1e16"})
    void refusesAHugeAmountAsInvalidNotAsAnOverflow(String amount) {
        InvalidValueException refused =
                assertTimeoutPreemptively(Duration.ofSeconds(2), () -> refusal(() -> Money.of(amount, "USDC")));

        assertThat(refused.field()).isEqualTo("amount");
        assertThat(refused.getMessage()).hasSizeLessThan(200);
    }

    @Test
    void theLargestAmountIsJustBelowTenToTheFifteenth() {
        assertThat(Money.of("999999999999999.999999", "USDC").amount())
                .isEqualByComparingTo(Money.MAX_AMOUNT.subtract(new BigDecimal("0.000001")));
        assertThat(Money.of("-999999999999999.99", "USD").isNegative()).isTrue();
        assertThat(refusal(() -> Money.of("1000000000000000", "USDC")).getMessage())
                .isEqualTo("amount: '1000000000000000' is too large: amounts are below 10^15"
                        + " (at most 15 digits before the decimal point)");
        assertThat(refusal(() -> Money.of("1e15", "JPY")).getMessage()).contains("is too large");
    }

    @Test
    void acceptsASmallExponentAndDecimalsWithinTheCurrencyScale() {
        assertThat(Money.of("15e-1", "USD").amount().toPlainString()).isEqualTo("1.50");
        assertThat(Money.of("1.5E2", "USDC").amount().toPlainString()).isEqualTo("150.000000");
        assertThat(Money.of("1e-6", "USDC").amount().toPlainString()).isEqualTo("0.000001");
        assertThat(refusal(() -> Money.of("1e-7", "USDC")).getMessage())
                .isEqualTo("amount: 0.0000001 has more than 6 decimals, the most USDC allows");
        assertThat(refusal(() -> Money.of("0.0000001", "USDC")).getMessage())
                .isEqualTo("amount: 0.0000001 has more than 6 decimals, the most USDC allows");
    }

    @Test
    void refusesALongAmountEchoingOnlyItsBeginning() {
        String longAmount = "0".repeat(Decimals.MAX_LENGTH) + "1";

        InvalidValueException refused = refusal(() -> Money.of(longAmount, "USDC"));

        assertThat(refused.getMessage())
                .startsWith("amount: '00000000000000000000")
                .contains("is longer than " + Decimals.MAX_LENGTH + " characters")
                .hasSizeLessThan(120);
        assertThat(refusal(() -> Money.of("1".repeat(1_000_000), "USDC")).getMessage())
                .hasSizeLessThan(120);
    }

    @Test
    void refusesAnExponentOfMoreThanTwoDigitsEvenForASmallValue() {
        assertThat(refusal(() -> Money.of("1e-001", "USD")).getMessage())
                .isEqualTo("amount: '1e-001' is not a decimal number (an exponent has at most 2 digits)");
    }

    @Test
    void aComputedAmountTooLargeToStoreIsRefusedWithoutExpandingIt() {
        InvalidValueException refused = assertTimeoutPreemptively(
                Duration.ofSeconds(2), () -> refusal(() -> Money.of(new BigDecimal("1e999999999"), Currency.USDC)));
        assertThat(refused.getMessage())
                .isEqualTo(
                        "amount: 1E+999999999 is too large to hold (at most 78 digits" + " before the decimal point)");

        InvalidValueException tooFine = assertTimeoutPreemptively(
                Duration.ofSeconds(2), () -> refusal(() -> Money.of(new BigDecimal("1e-9999999"), Currency.USDC)));
        assertThat(tooFine.getMessage()).isEqualTo("amount: 1E-9999999 has more than 6 decimals, the most USDC allows");
        assertThat(Money.of(new BigDecimal("0E-999999999"), Currency.USDC).isZero())
                .isTrue();
    }

    private static InvalidValueException refusal(Runnable parse) {
        try {
            parse.run();
        } catch (InvalidValueException e) {
            return e;
        }
        throw new AssertionError("expected an InvalidValueException");
    }
}
