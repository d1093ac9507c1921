package dev.agentmarketplace.api.http;

import dev.agentmarketplace.core.money.Money;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Money as every operation reads and writes it: the exact amount as a decimal string (never a JSON
 * number, which a client may read as a double) and its currency.
 */
@Schema(name = "Amount", description = "An exact amount and its currency")
public record Amount(
        @Schema(description = "Decimal amount, at most as many decimals as the currency has", examples = "1.50")
        @NotNull @Size(min = 1, max = 40) String amount,

        @Schema(description = "ISO 4217 code, or USDC / EURC", examples = "USDC") @NotNull @Size(min = 1, max = 12) String currency) {

    public static Amount of(Money money) {
        return new Amount(money.amount().toPlainString(), money.currency().code());
    }

    /** The amount as core money; the core refuses a malformed amount or an unknown currency. */
    public Money toMoney() {
        return Money.of(amount, currency);
    }
}
