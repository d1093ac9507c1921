package dev.agentmarketplace.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.money.Money;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DisputeOutcomeTest {
    private static final Money HALF = Money.of("0.75", "USDC");

    @Test
    void eachKindNamesItsOutcomeAndOnlyAPartialRefundCarriesTheAmount() {
        assertThat(DisputeOutcome.of(DisputeOutcome.Kind.PROVIDER_UPHELD, Optional.empty()))
                .isEqualTo(new DisputeOutcome.ProviderUpheld());
        assertThat(DisputeOutcome.of(DisputeOutcome.Kind.FULL_REFUND, Optional.empty()))
                .isEqualTo(new DisputeOutcome.FullRefund());
        DisputeOutcome partial = DisputeOutcome.of(DisputeOutcome.Kind.PARTIAL_REFUND, Optional.of(HALF));

        assertThat(partial).isEqualTo(new DisputeOutcome.PartialRefund(HALF));
        assertThat(partial.kind()).isEqualTo(DisputeOutcome.Kind.PARTIAL_REFUND);
        assertThat(partial.partialRefund()).contains(HALF);
        assertThat(new DisputeOutcome.FullRefund().partialRefund()).isEmpty();
    }

    @Test
    void aPartialRefundWithoutAnAmountOrAnotherOutcomeWithOneIsRefusedNamingTheRefund() {
        assertThatThrownBy(() -> DisputeOutcome.of(DisputeOutcome.Kind.PARTIAL_REFUND, Optional.empty()))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("refund"));
        assertThatThrownBy(() -> DisputeOutcome.of(DisputeOutcome.Kind.FULL_REFUND, Optional.of(HALF)))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("refund"));
    }
}
