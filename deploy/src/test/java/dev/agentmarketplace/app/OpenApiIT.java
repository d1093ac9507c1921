package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document describes every operation of /api/v1 fully: what it does, that it needs a
 * bearer token, what it answers without one and when the database cannot be reached (503 with
 * Retry-After), and, for every creation, the Idempotency-Key header.
 */
@QuarkusTest
class OpenApiIT {
    @Test
    void everyApiOperationIsDescribedAndSecured() {
        JsonPath document = given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        List<String> gaps = new ArrayList<>();
        int operations = 0;
        for (var path : paths.entrySet()) {
            if (!path.getKey().startsWith("/api/v1")) {
                continue;
            }
            for (var operation : path.getValue().entrySet()) {
                if (operation.getKey().equals("parameters")) {
                    continue;
                }
                operations++;
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                Map<String, Object> spec = operation.getValue();
                if (isBlank(spec.get("summary"))) {
                    gaps.add(name + ": no summary");
                }
                if (!String.valueOf(spec.get("security")).contains("bearer")) {
                    gaps.add(name + ": no bearer security requirement");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> responses = (Map<String, Object>) spec.get("responses");
                if (responses == null || responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                    gaps.add(name + ": no success response");
                }
                if (responses == null || !responses.containsKey("401")) {
                    gaps.add(name + ": no 401 response");
                }
                if (responses == null
                        || !String.valueOf(responses.get("503")).contains("DATABASE_UNAVAILABLE")
                        || !String.valueOf(responses.get("503")).contains("Retry-After")) {
                    gaps.add(name + ": no 503 DATABASE_UNAVAILABLE response with Retry-After");
                }
                if (responses != null
                        && responses.containsKey("201")
                        && !String.valueOf(spec.get("parameters")).contains("Idempotency-Key")) {
                    gaps.add(name + ": creates without documenting Idempotency-Key");
                }
            }
        }
        assertThat(operations).isGreaterThan(10);
        assertThat(gaps).isEmpty();
        assertThat(document.getMap("components.securitySchemes.bearer")).containsEntry("scheme", "bearer");
    }

    private static boolean isBlank(Object text) {
        return text == null || text.toString().isBlank();
    }
}
