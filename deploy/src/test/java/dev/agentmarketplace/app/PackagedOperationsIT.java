package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged application's operations endpoints: health with its database check, the OpenAPI
 * document, Prometheus metrics and the receipts' published signer, each answered by the prod build.
 */
@QuarkusIntegrationTest
@TestProfile(PackagedAppProfile.class)
@EnabledIfPostgresAvailable
class PackagedOperationsIT {

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessReportsThePostgresDatabaseUp() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.data.'<default>'", equalTo("UP"));
    }

    @Test
    void openApiDocumentDescribesTheApiAndItsBearerScheme() {
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("info.title", equalTo("Agent Marketplace API"))
                .body("paths", hasKey("/api/v1/agents"))
                .body("paths.'/api/v1/transactions/{id}/settlement'", hasKey("post"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"));
    }

    @Test
    void metricsExposeTheMarketSeriesFromStart() {
        String scrape = PrometheusScrape.fetch();
        for (List<String> series : List.of(
                List.of("marketplace_agent_registrations_total", ""),
                List.of("marketplace_transactions_total", "from=\"NONE\",to=\"PENDING\""),
                List.of("marketplace_transactions_total", "from=\"PENDING\",to=\"SETTLED\""),
                List.of("marketplace_discovery_searches_total", "kind=\"search\""),
                List.of("jvm_memory_used_bytes", ""))) {
            assertThat(PrometheusScrape.value(scrape, series.get(0), series.get(1)))
                    .as(series.toString())
                    .isNotNull();
        }
    }

    @Test
    void receiptsAreSignedWithTheKeyProductionIsGiven() {
        given().get("/.well-known/settlement-receipts")
                .then()
                .statusCode(200)
                .body("signer", equalTo(TestPayer.ADDRESS));
    }

    /**
     * The prod profile keeps no state on disk (the database is PostgreSQL, the receipts' key comes from
     * configuration), so the image runs with a read-only root filesystem: its data directory is never
     * even created.
     */
    @Test
    void prodWritesNothingToItsDataDirectory() {
        given().get("/q/health/ready").then().statusCode(200);

        assertThat(PackagedAppProfile.dataDirectory()).doesNotExist();
    }
}
