package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Changing a registered agent: its own updates, heartbeats and deregistration, an operator's, an admin's bulk. */
@QuarkusTest
class AgentUpdateApiIT {
    private static final AgentId EXPERT = AgentId.of("python-expert");

    @Inject
    RegistryFixture fixture;

    @Inject
    AgentRegistry registry;

    @Inject
    ApiTokens tokens;

    @BeforeEach
    void registerTwoAgents() {
        fixture.clear();
        fixture.register("python-expert", "Python Expert", Availability.ONLINE, "python");
        fixture.register("translator", "Translator", Availability.BUSY, "translation");
    }

    private Agent expert() {
        return registry.get(EXPERT);
    }

    @Test
    void agentChangesItsPriceAndTheVersionMoves() {
        tokens.asAgent("python-expert")
                .contentType(ContentType.JSON)
                .body(Map.of("amount", "2.25", "currency", "USDC"))
                .put("/api/v1/agents/python-expert/price")
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("price.amount", equalTo("2.250000"))
                .body("version", equalTo(1));

        assertThat(expert().price()).isEqualTo(Money.of("2.25", "USDC"));
    }

    @Test
    void agentReplacesItsCapabilitiesCapacityAndMetadata() {
        tokens.asAgent("python-expert")
                .contentType(ContentType.JSON)
                .body(Map.of("capabilities", List.of("Data Analysis", "python")))
                .put("/api/v1/agents/python-expert/capabilities")
                .then()
                .statusCode(200)
                .body("capabilities", contains("data analysis", "python"));
        tokens.asAgent("python-expert")
                .contentType(ContentType.JSON)
                .body(Map.of("capacityPerHour", 25))
                .put("/api/v1/agents/python-expert/capacity")
                .then()
                .statusCode(200)
                .body("capacityPerHour", equalTo(25));
        tokens.asAgent("python-expert")
                .contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("model", "m-2")))
                .put("/api/v1/agents/python-expert/metadata")
                .then()
                .statusCode(200)
                .body("metadata.model", equalTo("m-2"))
                .body("version", equalTo(3));

        Agent changed = expert();
        assertThat(changed.capabilities()).containsExactly(Capability.of("data analysis"), Capability.of("python"));
        assertThat(changed.capacityPerHour()).isEqualTo(25);
        assertThat(changed.metadata().entries()).containsExactly(Map.entry("model", "m-2"));
    }

    @Test
    void ifMatchWithTheCurrentVersionAppliesAndAStaleOneIsAConflict() {
        tokens.asAgent("python-expert")
                .header("If-Match", "\"0\"")
                .contentType(ContentType.JSON)
                .body(Map.of("capacityPerHour", 20))
                .put("/api/v1/agents/python-expert/capacity")
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"");

        tokens.asAgent("python-expert")
                .header("If-Match", "\"0\"")
                .contentType(ContentType.JSON)
                .body(Map.of("capacityPerHour", 30))
                .put("/api/v1/agents/python-expert/capacity")
                .then()
                .statusCode(409)
                .body("code", equalTo("CONCURRENT_MODIFICATION"))
                .body("detail", containsString("read it again and retry"));

        assertThat(expert().capacityPerHour()).isEqualTo(20);
    }

    @Test
    void malformedIfMatchIsABadRequest() {
        tokens.asAgent("python-expert")
                .header("If-Match", "version-0")
                .contentType(ContentType.JSON)
                .body(Map.of("capacityPerHour", 20))
                .put("/api/v1/agents/python-expert/capacity")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("If-Match"));

        assertThat(expert().version()).isZero();
    }

    @Test
    void malformedChangesAreBadRequestsNamingTheirField() {
        record Case(String path, Object body, String field) {}
        List<Case> cases = List.of(
                new Case("price", Map.of("amount", "-1", "currency", "USDC"), "price"),
                new Case("price", Map.of("amount", "one", "currency", "USDC"), "amount"),
                new Case("price", Map.of("amount", "1"), "currency"),
                new Case("availability", Map.of("availability", "NAPPING"), "availability"),
                new Case("capabilities", Map.of("capabilities", List.of()), "capabilities"),
                new Case("capacity", Map.of("capacityPerHour", 0), "capacityPerHour"),
                new Case("capacity", Map.of("capacityPerHour", "lots"), "capacityPerHour"),
                new Case("metadata", Map.of("metadata", Map.of("no spaces", "x")), "metadata"));
        for (Case bad : cases) {
            tokens.asAgent("python-expert")
                    .contentType(ContentType.JSON)
                    .body(bad.body())
                    .put("/api/v1/agents/python-expert/" + bad.path())
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("INVALID_VALUE"))
                    .body("errors[0].field", equalTo(bad.field()));
        }

        assertThat(expert().version()).isZero();
    }

    @Test
    void anAgentCannotChangeAnotherAgent() {
        Agent before = expert();
        for (String path : List.of("price", "capabilities", "capacity", "metadata", "availability")) {
            Object body = switch (path) {
                case "price" -> Map.of("amount", "0.01", "currency", "USDC");
                case "capabilities" -> Map.of("capabilities", List.of("nothing"));
                case "capacity" -> Map.of("capacityPerHour", 1);
                case "metadata" -> Map.of("metadata", Map.of("owned", "yes"));
                default -> Map.of("availability", "OFFLINE");
            };
            tokens.asAgent("translator")
                    .contentType(ContentType.JSON)
                    .body(body)
                    .put("/api/v1/agents/python-expert/" + path)
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("ACTING_AS_ANOTHER_AGENT"));
        }
        tokens.asAgent("translator")
                .post("/api/v1/agents/python-expert/heartbeat")
                .then()
                .statusCode(403)
                .body("code", equalTo("ACTING_AS_ANOTHER_AGENT"));
        tokens.asAgent("translator")
                .delete("/api/v1/agents/python-expert")
                .then()
                .statusCode(403)
                .body("code", equalTo("ACTING_AS_ANOTHER_AGENT"));

        assertThat(expert()).isEqualTo(before);
    }

    @Test
    void anOperatorSetsAvailabilityButNotThePrice() {
        tokens.asOperator()
                .contentType(ContentType.JSON)
                .body(Map.of("availability", "maintenance"))
                .put("/api/v1/agents/python-expert/availability")
                .then()
                .statusCode(200)
                .body("availability", equalTo("MAINTENANCE"));
        tokens.asOperator()
                .contentType(ContentType.JSON)
                .body(Map.of("amount", "0.01", "currency", "USDC"))
                .put("/api/v1/agents/python-expert/price")
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"));

        assertThat(expert().availability()).isEqualTo(Availability.MAINTENANCE);
        assertThat(expert().price()).isEqualTo(RegistryFixture.PRICE);
    }

    @Test
    void changesNeedATokenWithARole() {
        given().contentType(ContentType.JSON)
                .body(Map.of("capacityPerHour", 3))
                .put("/api/v1/agents/python-expert/capacity")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"));
        given().auth()
                .oauth2(tokens.noRoles())
                .contentType(ContentType.JSON)
                .body(Map.of("availability", "OFFLINE"))
                .put("/api/v1/agents/python-expert/availability")
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"));
        given().auth()
                .oauth2(tokens.noRoles())
                .delete("/api/v1/agents/python-expert")
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"));

        assertThat(expert().version()).isZero();
    }

    @Test
    void changingAnUnknownAgentIsNotFound() {
        tokens.asAgent("ghost")
                .contentType(ContentType.JSON)
                .body(Map.of("capacityPerHour", 3))
                .put("/api/v1/agents/ghost/capacity")
                .then()
                .statusCode(404)
                .body("code", equalTo("AGENT_NOT_FOUND"));
        tokens.asOperator()
                .delete("/api/v1/agents/ghost")
                .then()
                .statusCode(404)
                .body("code", equalTo("AGENT_NOT_FOUND"));
        tokens.asAgent("ghost")
                .post("/api/v1/agents/ghost/heartbeat")
                .then()
                .statusCode(404)
                .body("code", equalTo("AGENT_NOT_FOUND"));
    }

    @Test
    void heartbeatRenewsTheLeaseAndMayDeclareAnAvailability() {
        fixture.lapseHeartbeat("python-expert");
        Instant lapsed = expert().lastSeenAt();
        tokens.asOperator().get("/api/v1/agents/python-expert").then().body("availability", equalTo("OFFLINE"));

        tokens.asAgent("python-expert")
                .post("/api/v1/agents/python-expert/heartbeat")
                .then()
                .statusCode(200)
                .body("availability", equalTo("ONLINE"));
        assertThat(expert().lastSeenAt()).isAfter(lapsed);

        tokens.asAgent("python-expert")
                .queryParam("availability", "BUSY")
                .post("/api/v1/agents/python-expert/heartbeat")
                .then()
                .statusCode(200)
                .body("availability", equalTo("BUSY"));
        assertThat(expert().availability()).isEqualTo(Availability.BUSY);
    }

    @Test
    void heartbeatWithAnUnknownAvailabilityIsABadRequest() {
        tokens.asAgent("python-expert")
                .queryParam("availability", "DOZING")
                .post("/api/v1/agents/python-expert/heartbeat")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("availability"));

        assertThat(expert().availability()).isEqualTo(Availability.ONLINE);
    }

    @Test
    void agentDeregistersItselfAndIsThenFrozen() {
        tokens.asAgent("python-expert")
                .delete("/api/v1/agents/python-expert")
                .then()
                .statusCode(200)
                .body("deregisteredAt", notNullValue())
                .body("availability", equalTo("OFFLINE"));

        tokens.asAgent("python-expert")
                .delete("/api/v1/agents/python-expert")
                .then()
                .statusCode(409)
                .body("code", equalTo("AGENT_DEREGISTERED"));
        tokens.asAgent("python-expert")
                .contentType(ContentType.JSON)
                .body(Map.of("capacityPerHour", 3))
                .put("/api/v1/agents/python-expert/capacity")
                .then()
                .statusCode(409)
                .body("code", equalTo("AGENT_DEREGISTERED"));
        tokens.asAgent("python-expert")
                .post("/api/v1/agents/python-expert/heartbeat")
                .then()
                .statusCode(409)
                .body("code", equalTo("AGENT_DEREGISTERED"));

        assertThat(expert().isDeregistered()).isTrue();
        assertThat(expert().capacityPerHour()).isEqualTo(RegistryFixture.CAPACITY);
    }

    @Test
    void anOperatorDeregistersAnyAgent() {
        tokens.asOperator()
                .delete("/api/v1/agents/translator")
                .then()
                .statusCode(200)
                .body("id", equalTo("translator"))
                .body("deregisteredAt", notNullValue());

        assertThat(registry.get(AgentId.of("translator")).isDeregistered()).isTrue();
    }

    @Test
    void adminUpdatesManyAgentsAtOnce() {
        tokens.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "items",
                        List.of(
                                Map.of("agentId", "python-expert", "price", Map.of("amount", "3", "currency", "USDC")),
                                Map.of("agentId", "translator", "availability", "MAINTENANCE"))))
                .post("/api/v1/agents/bulk-update")
                .then()
                .statusCode(200)
                .body("items.id", contains("python-expert", "translator"))
                .body("items[0].price.amount", equalTo("3.000000"))
                .body("items[1].availability", equalTo("MAINTENANCE"));

        assertThat(expert().price()).isEqualTo(Money.of("3", "USDC"));
        assertThat(registry.get(AgentId.of("translator")).availability()).isEqualTo(Availability.MAINTENANCE);
    }

    @Test
    void bulkUpdateIsAllOrNothingWithEveryRefusedItemNamed() {
        fixture.deregister("translator");

        tokens.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "items",
                        List.of(
                                Map.of("agentId", "python-expert", "capacityPerHour", 40),
                                Map.of("agentId", "translator", "capacityPerHour", 40),
                                Map.of("agentId", "ghost", "capacityPerHour", 40))))
                .post("/api/v1/agents/bulk-update")
                .then()
                .statusCode(422)
                .body("code", equalTo("BULK_REJECTED"))
                .body("errors.field", contains("items[1]", "items[2]"))
                .body("errors[0].message", containsString("AGENT_DEREGISTERED"))
                .body("errors[1].message", containsString("AGENT_NOT_FOUND"));

        assertThat(expert().capacityPerHour()).isEqualTo(RegistryFixture.CAPACITY);
    }

    @Test
    void bulkUpdateItemMustNameExactlyOneChange() {
        tokens.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "items",
                        List.of(
                                Map.of("agentId", "translator", "capacityPerHour", 2),
                                Map.of("agentId", "python-expert", "capacityPerHour", 2, "availability", "BUSY"))))
                .post("/api/v1/agents/bulk-update")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("items[1].change"))
                .body("detail", containsString("exactly one of"));

        assertThat(registry.get(AgentId.of("translator")).capacityPerHour()).isEqualTo(RegistryFixture.CAPACITY);
    }

    @Test
    void bulkUpdateIsForAdminsOnly() {
        Map<String, Object> body = Map.of("items", List.of(Map.of("agentId", "python-expert", "capacityPerHour", 2)));
        for (var request : List.of(tokens.asOperator(), tokens.asAgent("python-expert"))) {
            request.contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/v1/agents/bulk-update")
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("ROLE_REQUIRED"));
        }
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/agents/bulk-update")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer");

        assertThat(expert().capacityPerHour()).isEqualTo(RegistryFixture.CAPACITY);
    }
}
