package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A failure after the resource ran (a response filter that loses the database, {@link LostAnswers})
 * is still answered as problem+json with the request's id, and as a 503 with Retry-After when the
 * database is what failed; never Quarkus's default error page.
 */
@QuarkusTest
class UnhandledFailuresIT {
    @Inject
    ApiTokens tokens;

    @Test
    void databaseLostWhileAnsweringIsServiceUnavailableAsAProblemWithTheRequestId() {
        Response response = tokens.asAdmin()
                .header(LostAnswers.FAIL, "1")
                .header("X-Request-Id", "lost-while-answering-1")
                .get("/api/v1/agents");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.header("X-Request-Id")).isEqualTo("lost-while-answering-1");
        assertThat(response.jsonPath().getString("code")).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(response.asString()).doesNotContain("Exception", "08006");
    }
}
