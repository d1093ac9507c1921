package dev.agentmarketplace.api.http;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.money.Decimals;
import dev.agentmarketplace.core.money.Money;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Money as every operation reads and writes it: the exact amount as a decimal string (never a JSON
 * number, which a client may read as a double) and its currency. The limits are the core's ({@link
 * Money#MAX_AMOUNT}, {@link Decimals#MAX_LENGTH}): an amount is bounded before it is expanded (issue 11).
 */
@Schema(
        name = "Amount",
        description = "An exact amount and its currency. Every amount is below 10^15 in magnitude (at most 15"
                + " digits before the decimal point, so 999999999999999.999999 USDC is the largest) and has at"
                + " most as many decimals as its currency")
public record Amount(
        @Schema(
                description = "Decimal amount: at most " + Decimals.MAX_LENGTH + " characters, plain (1.50) or"
                        + " with an exponent of at most " + Decimals.MAX_EXPONENT_DIGITS + " digits (15e-1);"
                        + " below 10^" + Money.MAX_INTEGER_DIGITS + " in magnitude; at most as many decimals"
                        + " as the currency has (USDC and EURC 6, USD 2, JPY 0). Anything else is a 400"
                        + " INVALID_VALUE",
                maxLength = Decimals.MAX_LENGTH,
                examples = "1.50")
        @NotNull @Size(min = 1, max = Decimals.MAX_LENGTH) String amount,

        @Schema(description = "ISO 4217 code, or USDC / EURC", examples = "USDC") @NotNull @Size(min = 1, max = 12) String currency) {

    public static Amount of(Money money) {
        return new Amount(money.amount().toPlainString(), money.currency().code());
    }

    /** The amount as core money; the core refuses a malformed amount or an unknown currency. */
    public Money toMoney() {
        return Money.of(amount, currency);
    }

    /** {@link #toMoney()}, a refusal naming its field under {@code prefix} ({@code refund.amount}). */
    public Money toMoney(String prefix) {
        try {
            return toMoney();
        } catch (InvalidValueException invalid) {
            String reason = invalid.getMessage().substring(invalid.field().length() + 2);
            throw new InvalidValueException(prefix + invalid.field(), reason);
        }
    }
}
