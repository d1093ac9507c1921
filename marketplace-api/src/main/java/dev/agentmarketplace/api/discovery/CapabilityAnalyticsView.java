package dev.agentmarketplace.api.discovery;

import dev.agentmarketplace.core.discovery.CapabilityAnalytics;
import dev.agentmarketplace.core.discovery.PriceSpread;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Supply and demand of one capability. Amounts are exact decimal strings, never JSON numbers. */
@Schema(name = "CapabilityAnalytics", description = "Supply and demand of one capability")
public record CapabilityAnalyticsView(
        @Schema(description = "The capability, normalized", examples = "python")
        String capability,

        @Schema(description = "Registered agents offering it (deregistered ones excluded)", examples = "12")
        long agentsOffering,

        @Schema(description = "Of those, the agents effectively ONLINE now", examples = "9")
        long agentsOnline,

        @Schema(description = "Summed capacity per hour of the online agents", examples = "90")
        long onlineCapacityPerHour,

        @Schema(description = "Prices asked, per currency, sorted by currency code")
        List<PriceSpreadView> prices,

        @Schema(description = "Start of the demand window (inclusive)")
        Instant from,

        @Schema(description = "End of the demand window (exclusive): now")
        Instant to,

        @Schema(description = "Hires of the capability in the window", examples = "31")
        long hires,

        @Schema(description = "Amount hired in the window, per currency, sorted by currency code")
        List<VolumeView> volume) {

    /** The prices asked in one currency; the median of an even count is the lower middle price. */
    @Schema(name = "PriceSpread")
    public record PriceSpreadView(
            @Schema(examples = "USDC") String currency,
            @Schema(examples = "0.500000") String min,
            @Schema(examples = "1.500000") String median,
            @Schema(examples = "4.000000") String max) {

        static PriceSpreadView of(Currency currency, PriceSpread spread) {
            return new PriceSpreadView(
                    currency.code(), plain(spread.min()), plain(spread.median()), plain(spread.max()));
        }
    }

    /** The amount hired in one currency. */
    @Schema(name = "HireVolume")
    public record VolumeView(
            @Schema(examples = "USDC") String currency,

            @Schema(description = "Decimal amount at the currency's scale", examples = "46.500000")
            String amount) {}

    static CapabilityAnalyticsView of(CapabilityAnalytics analytics) {
        return new CapabilityAnalyticsView(
                analytics.capability().name(),
                analytics.agentsOffering(),
                analytics.agentsOnline(),
                analytics.onlineCapacityPerHour(),
                byCurrency(analytics.prices()).stream()
                        .map(entry -> PriceSpreadView.of(entry.getKey(), entry.getValue()))
                        .toList(),
                analytics.from(),
                analytics.to(),
                analytics.hires(),
                byCurrency(analytics.volume()).stream()
                        .map(entry -> new VolumeView(entry.getKey().code(), plain(entry.getValue())))
                        .toList());
    }

    private static <V> List<Map.Entry<Currency, V>> byCurrency(Map<Currency, V> values) {
        return values.entrySet().stream()
                .sorted(Comparator.comparing(entry -> entry.getKey().code()))
                .toList();
    }

    private static String plain(Money money) {
        return money.amount().toPlainString();
    }
}
