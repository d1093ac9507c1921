package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the identity provider unreachable, a token cannot be verified: 503 to retry, never a 500. */
@QuarkusTest
@TestProfile(IdentityProviderDownIT.ProviderDown.class)
class IdentityProviderDownIT {
    public static class ProviderDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "marketplace.auth.local-issuer.enabled", "false",
                    "quarkus.oidc.tenant-enabled", "true",
                    // Port 9 (discard) is closed on the test machine: nothing answers there.
                    "quarkus.oidc.auth-server-url", "http://127.0.0.1:9/realms/none");
        }
    }

    @Test
    void aTokenThatCannotBeVerifiedIsAServiceUnavailableProblem() {
        given().auth()
                .oauth2("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")
                .when()
                .get("/api/v1/agents")
                .then()
                .statusCode(503)
                .header("Retry-After", "30")
                .contentType("application/problem+json")
                .body("code", equalTo("IDENTITY_PROVIDER_UNAVAILABLE"));
    }

    @Test
    void withoutATokenItIsStillUnauthenticated() {
        given().when().get("/api/v1/agents").then().statusCode(401);
    }
}
