package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every error is an RFC 9457 problem with a {@code code}: malformed JSON, routing errors (404, 405,
 * 406, 415) and the HTTP layer's own refusals (400, 413, 414, 431), whatever part of the server
 * answers them.
 */
@QuarkusTest
class HttpErrorsIT {
    private static final String CLIENTS = "/api/v1/admin/clients";

    @Inject
    ApiTokens tokens;

    @TestHTTPResource("/")
    URL root;

    @Test
    void duplicateKeysAreRefusedAsMalformedJson() {
        assertProblem(postClient("{\"agentId\":\"a\",\"agentId\":\"b\"}"), 400, "MALFORMED_JSON");
    }

    @Test
    void trailingGarbageAndConcatenatedDocumentsAreRefusedAsMalformedJson() {
        assertProblem(postClient("{\"agentId\":\"a\"} x"), 400, "MALFORMED_JSON");
        assertProblem(postClient("{\"agentId\":\"a\"}{\"agentId\":\"b\"}"), 400, "MALFORMED_JSON");
        assertProblem(postClient("{\"agentId\":"), 400, "MALFORMED_JSON");
    }

    @Test
    void unknownPathIsANotFoundProblem() {
        assertProblem(given().when().get("/api/v1/no-such-thing").then(), 404, "NOT_FOUND");
        assertProblem(given().when().get("/no-such-page").then(), 404, "NOT_FOUND");
    }

    @Test
    void wrongMethodIsAMethodNotAllowedProblem() {
        assertProblem(tokens.asAdmin().when().delete(CLIENTS).then(), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void unsatisfiableAcceptIsANotAcceptableProblem() {
        assertProblem(
                tokens.asAdmin().accept("application/xml").when().get(CLIENTS).then(), 406, "NOT_ACCEPTABLE");
    }

    @Test
    void wrongContentTypeIsAnUnsupportedMediaTypeProblem() {
        assertProblem(
                tokens.asAdmin()
                        .contentType("text/plain")
                        .body("agentId=a")
                        .when()
                        .post(CLIENTS)
                        .then(),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void tooLongRequestLineIsAUriTooLongProblem() throws IOException {
        String answer =
                raw("GET /api/v1/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertRawProblem(answer, 414, "URI_TOO_LONG");
    }

    @Test
    void tooLargeHeadersAreAHeaderFieldsTooLargeProblem() throws IOException {
        String answer = raw("GET /api/v1/agents HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Big: "
                + "b".repeat(30_000) + "\r\n\r\n");
        assertRawProblem(answer, 431, "HEADER_FIELDS_TOO_LARGE");
    }

    @Test
    void bodyOverTheLimitWithAContentLengthIsA413ProblemNotAReset() throws Exception {
        for (int size : new int[] {1_100_000, 6_000_000}) {
            HttpResponse<String> response = send(HttpRequest.BodyPublishers.ofByteArray(jsonOf(size)));
            assertThat(response.statusCode()).as("%d bytes", size).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("\"code\":\"REQUEST_TOO_LARGE\"");
            assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        }
    }

    @Test
    void chunkedBodyOverTheLimitIsA413ProblemNotAReset() throws Exception {
        for (int size : new int[] {1_100_000, 6_000_000}) {
            byte[] body = jsonOf(size);
            HttpResponse<String> response =
                    send(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
            assertThat(response.statusCode()).as("%d bytes", size).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("\"code\":\"REQUEST_TOO_LARGE\"");
        }
    }

    private ValidatableResponse postClient(String body) {
        return tokens.asAdmin()
                .contentType("application/json")
                .body(body)
                .when()
                .post(CLIENTS)
                .then();
    }

    private static ValidatableResponse assertProblem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("status", equalTo(status))
                .body("code", equalTo(code));
    }

    private static void assertRawProblem(String answer, int status, String code) {
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
        assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(answer.toLowerCase()).contains("x-request-id: ");
        assertThat(answer).contains("\"code\":\"" + code + "\"").contains("\"status\":" + status);
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private HttpResponse<String> send(HttpRequest.BodyPublisher body) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(root.toString()).resolve(CLIENTS))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.admin())
                .header("Content-Type", "application/json")
                .POST(body)
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] jsonOf(int size) {
        return ("{\"agentId\":\"" + "x".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
