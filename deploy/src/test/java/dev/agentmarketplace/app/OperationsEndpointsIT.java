package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsEndpointsIT {
    @Inject
    ApiTokens tokens;

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessChecksTheDatabase() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
    }

    @Test
    void metricsAreExposedForPrometheus() {
        tokens.asOperator().get("/api/v1/agents").then().statusCode(200);

        given().accept("text/plain")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds_count{method=\"GET\""));
    }

    @Test
    void openApiDescribesTheAgentOperations() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/api/v1/agents'.get.summary", equalTo("List or filter agents"))
                .body("paths.'/api/v1/agents'.post.summary", equalTo("Register the calling agent"))
                .body(
                        "paths.'/api/v1/agents/{agentId}/feedback'.post.summary",
                        equalTo("Rate the provider of a settled transaction"))
                .body("paths.'/api/v1/agents/{agentId}'.get.summary", equalTo("Get one agent"))
                .body(
                        "paths.'/api/v1/agents/{agentId}'.get.responses.'404'.description",
                        equalTo("No agent has this id"));
    }
}
