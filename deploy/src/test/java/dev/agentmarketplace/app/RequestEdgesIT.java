package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.Test;

/** What every request meets before any resource: body limits, request ids, and logs without secrets. */
@QuarkusTest
class RequestEdgesIT {
    private static final String CLIENTS = "/api/v1/admin/clients";

    @Inject
    ApiTokens tokens;

    @Test
    void anOversizedBodyIsRefusedWith413() {
        String huge = "{\"agentId\":\"" + "x".repeat(1_100_000) + "\"}";
        tokens.asAdmin()
                .contentType("application/json")
                .body(huge)
                .when()
                .post(CLIENTS)
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("REQUEST_TOO_LARGE"));
    }

    @Test
    void everyResponseCarriesARequestIdAndASaneOneIsKept() {
        given().when().get(CLIENTS).then().statusCode(401).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        given().header("X-Request-Id", "trace-42")
                .when()
                .get(CLIENTS)
                .then()
                .header("X-Request-Id", equalTo("trace-42"));
        given().header("X-Request-Id", "bad id\twith tab")
                .when()
                .get(CLIENTS)
                .then()
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void noTokenEverReachesTheLogs() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // The test's own HTTP client logs its requests in this JVM; only the server's logs count.
                if (record.getLoggerName() != null && record.getLoggerName().startsWith("org.apache.http")) {
                    return;
                }
                lines.add(record.getMessage() + " " + (record.getThrown() == null ? "" : record.getThrown()));
                if (record.getParameters() != null) {
                    for (Object parameter : record.getParameters()) {
                        lines.add(String.valueOf(parameter));
                    }
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        java.util.logging.Level level = root.getLevel();
        root.addHandler(capture);
        root.setLevel(java.util.logging.Level.ALL);
        String token = tokens.admin();
        try {
            given().auth().oauth2(token).when().get(CLIENTS).then().statusCode(200);
            given().auth().oauth2(token + "tampered").when().get(CLIENTS).then().statusCode(401);
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body("{\"agentId\":")
                    .when()
                    .post(CLIENTS)
                    .then()
                    .statusCode(400);
        } finally {
            root.removeHandler(capture);
            root.setLevel(level);
        }
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertThat(lines).isNotEmpty().noneMatch(line -> line.contains(signature));
    }
}
