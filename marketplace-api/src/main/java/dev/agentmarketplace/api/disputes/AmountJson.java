package dev.agentmarketplace.api.disputes;

import dev.agentmarketplace.core.money.Money;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An exact amount as a string (never a JSON number, which clients may read as a double), and its currency. */
@Schema(name = "Amount")
public record AmountJson(
        @Schema(description = "Decimal amount, at most the currency's decimals", examples = "0.750000")
        @NotNull @Size(max = 40) String amount,

        @Schema(examples = "USDC") @NotNull @Size(max = 16) String currency) {

    static AmountJson of(Money money) {
        return new AmountJson(money.amount().toPlainString(), money.currency().code());
    }

    Money money() {
        return Money.of(amount, currency);
    }
}
