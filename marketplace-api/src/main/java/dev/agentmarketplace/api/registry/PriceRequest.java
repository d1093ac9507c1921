package dev.agentmarketplace.api.registry;

import dev.agentmarketplace.core.money.Money;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A price as clients send it: the amount as a decimal string, so no JSON parser can turn it into a double. */
@Schema(name = "PriceInput")
public record PriceRequest(
        @Schema(description = "Decimal amount, at most the currency's decimals", examples = "1.50")
        @NotNull @Size(min = 1, max = 40) String amount,

        @Schema(description = "ISO 4217 code, or USDC / EURC", examples = "USDC") @NotNull @Size(min = 1, max = 12) String currency) {

    Money toMoney() {
        return Money.of(amount, currency);
    }
}
