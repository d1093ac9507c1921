package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.discovery.AgentDiscovery;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The market's Prometheus series exist from start-up and count what happens. */
@QuarkusTest
class MetricsIT {
    @Inject
    RegistryFixture registry;

    @Inject
    Ledger ledger;

    @Inject
    AgentDiscovery discovery;

    @BeforeEach
    void empty() {
        registry.clear();
    }

    @Test
    void everySeriesIsExposedBeforeAnythingHappens() {
        given().when().get("/api/v1/admin/clients").then().statusCode(401);
        String metrics = PrometheusScrape.fetch();
        for (String series : List.of(
                "marketplace_agent_registrations_total",
                "marketplace_transactions_total{from=\"NONE\",to=\"PENDING\"}",
                "marketplace_transactions_total{from=\"PENDING\",to=\"SETTLED\"}",
                "marketplace_transactions_total{from=\"PENDING\",to=\"CANCELLED\"}",
                "marketplace_transactions_total{from=\"PENDING\",to=\"DISPUTED\"}",
                "marketplace_transactions_total{from=\"SETTLED\",to=\"DISPUTED\"}",
                "marketplace_transactions_total{from=\"DISPUTED\",to=\"RESOLVED\"}",
                "marketplace_transaction_duration_seconds_count",
                "marketplace_discovery_searches_total{kind=\"search\"}",
                "marketplace_discovery_searches_total{kind=\"recommend\"}",
                "marketplace_discovery_searches_total{kind=\"select\"}",
                "marketplace_discovery_searches_total{kind=\"analytics\"}",
                "http_server_requests_seconds_count")) {
            assertThat(value(metrics, series)).as(series).isNotNull();
        }
    }

    @Test
    void registrationsTransitionsSettlementTimesAndSearchesAreCounted() {
        String before = PrometheusScrape.fetch();
        registry.register("orchestrator", "Orchestrator", Availability.ONLINE, "planning");
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");
        Transaction hired = ledger.hire(new HireRequest(
                        AgentId.of("orchestrator"),
                        AgentId.of("python-expert"),
                        Capability.of("python"),
                        RegistryFixture.PRICE,
                        "",
                        IdempotencyKey.of("metrics-test-key-0001")))
                .transaction();
        ledger.settle(hired.id(), Actor.agent(AgentId.of("orchestrator")), Optional.empty());
        discovery.recommend(Capability.of("python"), 3, false);
        String after = PrometheusScrape.fetch();

        assertThat(delta(before, after, "marketplace_agent_registrations_total"))
                .isEqualTo(2.0);
        assertThat(delta(before, after, "marketplace_transactions_total{from=\"NONE\",to=\"PENDING\"}"))
                .isEqualTo(1.0);
        assertThat(delta(before, after, "marketplace_transactions_total{from=\"PENDING\",to=\"SETTLED\"}"))
                .isEqualTo(1.0);
        assertThat(delta(before, after, "marketplace_transaction_duration_seconds_count"))
                .isEqualTo(1.0);
        assertThat(delta(before, after, "marketplace_discovery_searches_total{kind=\"recommend\"}"))
                .isEqualTo(1.0);
    }

    private static double delta(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }

    /** The value of the first sample of {@code series}: a name, with the labels it must include in braces. */
    private static Double value(String metrics, String series) {
        String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
        String labels = series.contains("{") ? series.substring(series.indexOf('{') + 1, series.length() - 1) : "";
        return PrometheusScrape.value(metrics, name, labels);
    }
}
