package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-caller limits over HTTP: 429 with Retry-After past the limit, and one caller never spends another's. */
@QuarkusTest
@TestProfile(RateLimitIT.FiveAMinute.class)
class RateLimitIT {
    private static final String CLIENTS = "/api/v1/admin/clients";

    @Inject
    ApiTokens tokens;

    public static class FiveAMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("marketplace.api.rate-limit.requests", "5", "marketplace.api.rate-limit.window", "PT1M");
        }
    }

    @Test
    void theSixthRequestInAMinuteWaits() {
        String admin = tokens.adminNamed("busy-admin");
        for (int i = 1; i <= 5; i++) {
            Response allowed = given().auth().oauth2(admin).when().get(CLIENTS);
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.header("RateLimit-Limit")).isEqualTo("5");
            assertThat(allowed.header("RateLimit-Remaining")).isEqualTo(String.valueOf(5 - i));
        }
        Response refused = given().auth().oauth2(admin).when().get(CLIENTS);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("code")).isEqualTo("RATE_LIMITED");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 120L);

        given().auth()
                .oauth2(tokens.adminNamed("calm-admin"))
                .when()
                .get(CLIENTS)
                .then()
                .statusCode(200)
                .header("RateLimit-Remaining", equalTo("4"));
    }

    @Test
    void anonymousRequestsAreRefusedBeforeAnyCounting() {
        for (int i = 0; i < 7; i++) {
            given().when().get(CLIENTS).then().statusCode(401);
        }
    }
}
