package dev.agentmarketplace.core.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ReputationEventTest {
    private static final AgentId AGENT = AgentId.of("agent");
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    private static final TransactionId TX = TransactionId.of("00000000-0000-4000-8000-000000000001");

    @Test
    void eventWeightMustBePositiveAndBounded() {
        assertThatThrownBy(() -> new ReputationEvent.TaskOutcome(AGENT, NOW, 1, true, -1, "task"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("weight: must be above 0 and at most 100.0, was -1.0");
        assertThatThrownBy(() -> new ReputationEvent.TaskOutcome(AGENT, NOW, 1, true, Double.NaN, "task"))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ReputationEvent.DisputeLost(AGENT, NOW, 0.5, TX))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("amountWeight: must be between 1 and 100.0, was 0.5");
    }

    @Test
    void lostDisputeRefundedShareIsAboveZeroAndAtMostOne() {
        assertThatThrownBy(() -> new ReputationEvent.DisputeLost(AGENT, NOW, 1, TX, 0))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("refundedShare: must be above 0 and at most 1, was 0.0");
        assertThatThrownBy(() -> new ReputationEvent.DisputeLost(AGENT, NOW, 1, TX, 1.5))
                .isInstanceOf(InvalidValueException.class);
        assertThat(new ReputationEvent.DisputeLost(AGENT, NOW, 1, TX).refundedShare())
                .isEqualTo(1);
        assertThat(new ReputationEvent.DisputeLost(AGENT, NOW, 1, TX, 0.25).cause())
                .isEqualTo("dispute lost on transaction " + TX + ", refunded share 0.25");
    }

    @Test
    void operatorAdjustmentNeedsANonZeroBoundedDeltaAReasonAndAnOperator() {
        assertThatThrownBy(() -> adjustment("0", "reason", "ops"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("delta: must be non-zero and between -5 and 5, was 0");
        assertThatThrownBy(() -> adjustment("-5.01", "reason", "ops")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> adjustment("0.125", "reason", "ops"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("delta: must have at most two decimals, was 0.125");
        assertThatThrownBy(() -> adjustment("1", null, "ops"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("reason: must not be blank");
        assertThatThrownBy(() -> adjustment("1", "reason", ""))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("operator: must not be blank");
        assertThatThrownBy(() -> adjustment("1", "x".repeat(501), "ops"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("reason: must be at most 500 characters");
        assertThat(adjustment("-5", "  fraud confirmed ", "ops").reason()).isEqualTo("fraud confirmed");
    }

    @Test
    void ratingsAreZeroToFiveInTenths() {
        assertThat(feedback("0").rating()).isEqualByComparingTo("0");
        assertThat(feedback("5.0").rating()).isEqualByComparingTo("5");
        assertThat(feedback("3.7").rating()).isEqualByComparingTo("3.7");
        assertThatThrownBy(() -> feedback("3.75")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> feedback("-0.1")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aRatingOrDeltaWithAHugeExponentIsRefusedWithoutEchoingItsExpansion() {
        for (String huge : new String[] {"1e-9999999", "1e9999999", "-1e-9999999"}) {
            assertThatThrownBy(() -> feedback(huge))
                    .isInstanceOf(InvalidValueException.class)
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
            assertThatThrownBy(() -> adjustment(huge, "reason", "ops"))
                    .isInstanceOf(InvalidValueException.class)
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
        }
        assertThatThrownBy(() -> adjustment("1e-9999999", "reason", "ops"))
                .hasMessage("delta: must have at most two decimals, was 1E-9999999");
        assertThatThrownBy(() -> feedback("1e9999999")).hasMessage("rating: must be between 0 and 5, was 1E+9999999");
    }

    @Test
    void policyRefusesNumbersThatBreakTheFormula() {
        assertThatThrownBy(() -> new ReputationPolicy(5.5, 5, Duration.ofDays(90), 1.96, 1, 1, 3, 3))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("priorMean: must be between 0 and 5, was 5.5");
        assertThatThrownBy(() -> new ReputationPolicy(3, 0, Duration.ofDays(90), 1.96, 1, 1, 3, 3))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("priorWeight: must be a positive number, was 0.0");
        assertThatThrownBy(() -> new ReputationPolicy(3, 5, Duration.ZERO, 1.96, 1, 1, 3, 3))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("halfLife: must be positive, was PT0S");
        assertThatThrownBy(() -> new ReputationPolicy(3, 5, Duration.ofDays(90), 1.96, 1, 1, 3, 0.5))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void amountWeightIsOneForNothingAndReachesItsCapAtNinetyNineMajorUnits() {
        ReputationPolicy policy = ReputationPolicy.DEFAULTS;

        assertThat(policy.amountWeight(Money.of("0", "USDC"))).isEqualTo(1.0);
        assertThat(policy.amountWeight(Money.of("9", "USDC"))).isCloseTo(2.0, within(1e-12));
        assertThat(policy.amountWeight(Money.of("99", "USDC"))).isCloseTo(3.0, within(1e-12));
        assertThat(policy.amountWeight(Money.of("1000000", "USDC"))).isEqualTo(3.0);
    }

    @Property
    void amountWeightIsMonotoneAndBounded(
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long smaller,
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long extra) {
        ReputationPolicy policy = ReputationPolicy.DEFAULTS;
        double low = policy.amountWeight(Money.ofMinorUnits(BigInteger.valueOf(smaller), Currency.USDC));
        double high = policy.amountWeight(Money.ofMinorUnits(BigInteger.valueOf(smaller + extra), Currency.USDC));

        assertThat(low).isBetween(1.0, policy.maxAmountWeight());
        assertThat(high).isBetween(low, policy.maxAmountWeight());
    }

    private static ReputationEvent.OperatorAdjustment adjustment(String delta, String reason, String operator) {
        return new ReputationEvent.OperatorAdjustment(AGENT, NOW, new BigDecimal(delta), reason, operator);
    }

    private static ReputationEvent.Feedback feedback(String rating) {
        return new ReputationEvent.Feedback(AGENT, NOW, 1, new BigDecimal(rating), 1, AgentId.of("payer"), TX);
    }
}
