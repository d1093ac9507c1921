package dev.agentmarketplace.api.transactions;

import dev.agentmarketplace.core.money.Money;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An exact amount as a string (never a JSON number, which clients may read as a double) and its
 * currency, in requests and responses alike.
 */
@Schema(name = "Amount")
public record AmountView(
        @Schema(description = "Decimal amount, at most as many decimals as the currency has", examples = "1.50")
        @NotNull @Size(min = 1, max = 40) String amount,

        @Schema(description = "ISO 4217 code or USDC / EURC", examples = "USDC") @NotNull @Size(min = 1, max = 12) String currency) {

    static AmountView of(Money money) {
        return new AmountView(money.amount().toPlainString(), money.currency().code());
    }

    Money toMoney() {
        return Money.of(amount, currency);
    }
}
