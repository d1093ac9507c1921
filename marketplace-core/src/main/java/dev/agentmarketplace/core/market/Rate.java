package dev.agentmarketplace.core.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** {@code part} out of {@code whole}; no percentage when {@code whole} is zero. */
public record Rate(long part, long whole) {
    public Rate {
        if (part < 0 || whole < 0 || part > whole) {
            throw new IllegalArgumentException("a rate needs 0 <= part <= whole, was " + part + "/" + whole);
        }
    }

    /** The percentage with one decimal, rounded half-even; empty when there is nothing to divide by. */
    public Optional<BigDecimal> percent() {
        if (whole == 0) {
            return Optional.empty();
        }
        return Optional.of(BigDecimal.valueOf(part)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_EVEN));
    }
}
