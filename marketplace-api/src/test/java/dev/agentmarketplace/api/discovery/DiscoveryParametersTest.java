package dev.agentmarketplace.api.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.discovery.SearchCriteria;
import dev.agentmarketplace.core.discovery.SearchSort;
import dev.agentmarketplace.core.discovery.SelectionStrategy;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class DiscoveryParametersTest {
    @Test
    void searchWithOnlyACapabilityKeepsEveryAvailabilityAndSortsByReputation() {
        SearchCriteria criteria = DiscoveryParameters.search(List.of("Python"), null, null, null, null, null, null, 50);

        assertThat(criteria.anyOf()).containsExactly(Capability.of("python"));
        assertThat(criteria.availability()).isEqualTo(EnumSet.allOf(Availability.class));
        assertThat(criteria.sort()).isEqualTo(SearchSort.REPUTATION);
        assertThat(criteria.priceCeiling()).isEmpty();
        assertThat(criteria.minReputation()).isEmpty();
    }

    @Test
    void searchReadsEveryFilter() {
        SearchCriteria criteria = DiscoveryParameters.search(
                List.of("python", "rust"), "2.5", "usdc", List.of("online", "BUSY"), "4.2", "price", null, 10);

        assertThat(criteria.anyOf()).containsExactlyInAnyOrder(Capability.of("python"), Capability.of("rust"));
        assertThat(criteria.priceCeiling()).contains(Money.of("2.500000", "USDC"));
        assertThat(criteria.availability()).isEqualTo(Set.of(Availability.ONLINE, Availability.BUSY));
        assertThat(criteria.minReputation()).hasValue(4.2);
        assertThat(criteria.sort()).isEqualTo(SearchSort.PRICE);
        assertThat(criteria.limit()).isEqualTo(10);
    }

    @Test
    void currencyMayComeWithoutAPriceCeilingAndACeilingImpliesItsCurrency() {
        assertThat(search(List.of("python"), null, "eur", null).currency()).contains(Currency.of("EUR"));
        assertThat(search(List.of("python"), null, "eur", null).priceCeiling()).isEmpty();
        assertThat(search(List.of("python"), "2", "USDC", null).currency()).contains(Currency.USDC);
        assertThat(search(List.of("python"), null, null, null).currency()).isEmpty();
    }

    @Test
    void refusalsNameTheQueryParameterNotTheCoreField() {
        assertRefused(() -> search(List.of(), null, null, null), "capability");
        assertRefused(
                () -> search(IntStream.range(0, 21).mapToObj(i -> "skill-" + i).toList(), null, null, null),
                "capability");
        assertRefused(() -> search(List.of("python"), "-1", "USDC", null), "maxPrice");
        assertRefused(() -> search(List.of("python"), "0.0000001", "USDC", null), "maxPrice");
        assertRefused(() -> search(List.of("python"), "1", null, null), "currency");
        assertRefused(() -> search(List.of("python"), "1e999999999", "USDC", null), "maxPrice");
        assertRefused(() -> search(List.of("python"), "1e20", "USDC", null), "maxPrice");
        assertRefused(() -> search(List.of("python"), "1", "DOGE", null), "currency");
        assertRefused(() -> search(List.of("python"), null, null, "not-a-cursor"), "after");
        assertRefused(
                () -> DiscoveryParameters.search(
                        List.of("python"), null, null, List.of("SLEEPING"), null, null, null, 5),
                "availability");
        assertRefused(
                () -> DiscoveryParameters.search(List.of("python"), null, null, null, "5.1", null, null, 5),
                "minReputation");
        assertRefused(
                () -> DiscoveryParameters.search(List.of("python"), null, null, null, "high", null, null, 5),
                "minReputation");
        assertRefused(
                () -> DiscoveryParameters.search(List.of("python"), null, null, null, null, "NAME", null, 5), "sort");
        assertRefused(
                () -> DiscoveryParameters.search(List.of("python"), null, null, null, null, null, null, 0), "limit");
    }

    @Test
    void recommendationCountDefaultsToTenAndStaysWithinOneToAHundred() {
        assertThat(DiscoveryParameters.recommendations(null)).isEqualTo(10);
        assertThat(DiscoveryParameters.recommendations("100")).isEqualTo(100);
        assertRefused(() -> DiscoveryParameters.recommendations("0"), "limit");
        assertRefused(() -> DiscoveryParameters.recommendations("101"), "limit");
        assertRefused(() -> DiscoveryParameters.recommendations("ten"), "limit");
    }

    @Test
    void flagIsTrueOrFalseAndNothingElse() {
        assertThat(DiscoveryParameters.flag("includeBusy", null)).isFalse();
        assertThat(DiscoveryParameters.flag("includeBusy", "TRUE")).isTrue();
        assertThat(DiscoveryParameters.flag("includeBusy", "false")).isFalse();
        assertRefused(() -> DiscoveryParameters.flag("includeBusy", "yes"), "includeBusy");
    }

    @Test
    void strategiesAndTheirSeed() {
        assertThat(DiscoveryParameters.strategy("round_robin", null)).isEqualTo(new SelectionStrategy.RoundRobin());
        assertThat(DiscoveryParameters.strategy("LEAST_LOADED", null)).isEqualTo(new SelectionStrategy.LeastLoaded());
        assertThat(DiscoveryParameters.strategy("RANDOM", "42")).isEqualTo(SelectionStrategy.Random.seeded(42));
        assertThat(DiscoveryParameters.strategy("RANDOM", null)).isEqualTo(SelectionStrategy.Random.unseeded());
        assertRefused(() -> DiscoveryParameters.strategy(null, null), "strategy");
        assertRefused(() -> DiscoveryParameters.strategy("FASTEST", null), "strategy");
        assertRefused(() -> DiscoveryParameters.strategy("ROUND_ROBIN", "42"), "seed");
        assertRefused(() -> DiscoveryParameters.strategy("RANDOM", "x"), "seed");
    }

    @Test
    void windowIsAnIsoDurationDefaultingToADay() {
        assertThat(DiscoveryParameters.window(null)).isEqualTo(Duration.ofHours(24));
        assertThat(DiscoveryParameters.window("P7D")).isEqualTo(Duration.ofDays(7));
        assertRefused(() -> DiscoveryParameters.window("24h"), "window");
    }

    private static SearchCriteria search(List<String> capabilities, String maxPrice, String currency, String after) {
        return DiscoveryParameters.search(capabilities, maxPrice, currency, null, null, null, after, 50);
    }

    private static void assertRefused(ThrowingCallable call, String parameter) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(parameter))
                .message()
                .startsWith(parameter + ": ")
                .doesNotContain(": " + parameter + ": ");
    }
}
