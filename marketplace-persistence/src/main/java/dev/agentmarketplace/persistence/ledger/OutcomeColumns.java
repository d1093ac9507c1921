package dev.agentmarketplace.persistence.ledger;

import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A {@link DisputeOutcome} as three columns (kind, refund amount, refund currency), shared by the
 * transaction and dispute tables so both spell outcomes alike.
 */
public record OutcomeColumns(String kind, BigDecimal refundAmount, String refundCurrency) {
    public static final OutcomeColumns NONE = new OutcomeColumns(null, null, null);

    public static OutcomeColumns of(Optional<DisputeOutcome> outcome) {
        return outcome.map(OutcomeColumns::of).orElse(NONE);
    }

    public static OutcomeColumns of(DisputeOutcome outcome) {
        return switch (outcome) {
            case DisputeOutcome.ProviderUpheld upheld -> new OutcomeColumns("PROVIDER_UPHELD", null, null);
            case DisputeOutcome.FullRefund full -> new OutcomeColumns("FULL_REFUND", null, null);
            case DisputeOutcome.PartialRefund(Money refund) ->
                new OutcomeColumns(
                        "PARTIAL_REFUND", refund.amount(), refund.currency().code());
        };
    }

    /** The outcome these columns hold; empty when {@code kind} is null. */
    public Optional<DisputeOutcome> toDomain() {
        if (kind == null) {
            return Optional.empty();
        }
        return Optional.of(
                switch (kind) {
                    case "PROVIDER_UPHELD" -> new DisputeOutcome.ProviderUpheld();
                    case "FULL_REFUND" -> new DisputeOutcome.FullRefund();
                    case "PARTIAL_REFUND" ->
                        new DisputeOutcome.PartialRefund(Money.of(refundAmount, Currency.of(refundCurrency)));
                    default -> throw new IllegalStateException("unknown outcome '" + kind + "' in the database");
                });
    }
}
