package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The whole application on PostgreSQL, as in production: migrations, readiness, a read through every layer. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class PostgresApplicationIT {
    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Test
    void readinessReportsThePostgresDatabaseUp() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
    }

    @Test
    void agentsRegisteredInPostgresAreServedByTheApi() {
        registry.clear();
        registry.register("pg-agent", "Postgres Agent", Availability.ONLINE, "sql", "python");

        tokens.asAgent("pg-agent")
                .get("/api/v1/agents/pg-agent")
                .then()
                .statusCode(200)
                .body("displayName", equalTo("Postgres Agent"))
                .body("capabilities", contains("python", "sql"))
                .body("price.amount", equalTo("1.500000"))
                .body("payoutWallet", equalTo(RegistryFixture.WALLET.value()));
    }
}
