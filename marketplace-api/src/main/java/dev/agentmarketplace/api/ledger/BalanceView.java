package dev.agentmarketplace.api.ledger;

import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An account's balance per currency, derived from the journal's postings. */
@Schema(name = "Balance", description = "An account's balance per currency it was ever posted in")
public record BalanceView(
        @Schema(description = "agent:<id>, escrow or platform-fees", examples = "agent:python-expert")
        String account,

        @Schema(description = "One amount per currency, sorted by currency code; empty for an account never posted to")
        List<CurrencyBalanceView> balances) {

    /** The balance in one currency: an exact decimal string, negative when the account owes. */
    @Schema(name = "CurrencyBalance")
    public record CurrencyBalanceView(
            @Schema(examples = "USDC") String currency,

            @Schema(description = "Signed decimal amount at the currency's scale", examples = "1.455000")
            String amount) {}

    static BalanceView of(Account account, Map<Currency, Money> balances) {
        return new BalanceView(
                account.name(),
                balances.entrySet().stream()
                        .sorted(Comparator.comparing(entry -> entry.getKey().code()))
                        .map(entry -> new CurrencyBalanceView(
                                entry.getKey().code(), entry.getValue().amount().toPlainString()))
                        .toList());
    }
}
