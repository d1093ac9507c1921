package dev.agentmarketplace.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonReader;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An x402 facilitator on 127.0.0.1 for application tests: it answers {@code /verify} and {@code
 * /settle} as a test scripts it, records every request, and names a settlement's transaction after
 * the payment's nonce, as a chain would hash it. Nothing goes on chain.
 */
public class FakeFacilitator implements QuarkusTestResourceLifecycleManager {
    /**
     * One scripted answer: an HTTP status and its JSON body, given after {@code delay}; a null body
     * drops the connection.
     */
    record Answer(int status, String body, Duration delay) {
        Answer(int status, String body) {
            this(status, body, Duration.ZERO);
        }

        /** No answer for longer than the platform waits (its request timeout here is 2 s), then a dropped connection. */
        static Answer hang() {
            return new Answer(0, null, Duration.ofSeconds(3));
        }
    }

    /** One request as the platform sent it. */
    record Received(String path, String idempotencyKey, String authorization, String body) {}

    private static final JsonReader READER = new JsonReader(1 << 20, 64);
    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final Deque<Answer> VERIFY = new ArrayDeque<>();
    private static final Deque<Answer> SETTLE = new ArrayDeque<>();
    private static HttpServer server;
    private static ExecutorService executor;

    /** Forgets what it was told and received: every call is then valid and settles. */
    static synchronized void reset() {
        RECEIVED.clear();
        VERIFY.clear();
        SETTLE.clear();
    }

    static synchronized void verifyAnswers(Answer... answers) {
        VERIFY.addAll(List.of(answers));
    }

    static synchronized void settleAnswers(Answer... answers) {
        SETTLE.addAll(List.of(answers));
    }

    static List<Received> received(String path) {
        return RECEIVED.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The chain transaction this facilitator reports for a payment: derived from its nonce. */
    static String transactionOf(String nonce) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(nonce.getBytes(StandardCharsets.UTF_8));
            return "0x" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/verify", exchange -> answer(exchange, next(VERIFY)));
        server.createContext("/settle", exchange -> answer(exchange, next(SETTLE)));
        // A thread per exchange, so a hanging answer does not hold up the others.
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
        return Map.of(
                "marketplace.x402.facilitator.url",
                        "http://127.0.0.1:" + server.getAddress().getPort(),
                "marketplace.x402.facilitator.authorization", "Bearer facilitator-test-key",
                "marketplace.x402.facilitator.request-timeout", "PT2S",
                "marketplace.x402.settlement.retry-backoff", "PT0.2S");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** The next scripted answer, or null to answer as a healthy facilitator would. */
    private static synchronized Answer next(Deque<Answer> scripted) {
        return scripted.poll();
    }

    private static void answer(HttpExchange exchange, Answer scripted) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        RECEIVED.add(new Received(
                path,
                exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                body));
        Answer answer =
                scripted != null ? scripted : (path.equals("/verify") ? valid(request(body)) : settled(request(body)));
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (answer.body() == null) {
            exchange.close();
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static JsonObject request(String body) {
        return (JsonObject) READER.read(body);
    }

    private static Answer valid(JsonObject request) {
        return new Answer(200, "{\"isValid\":true,\"payer\":\"" + payer(request) + "\"}");
    }

    private static Answer settled(JsonObject request) {
        String network = string(request, "paymentRequirements", "network");
        return new Answer(
                200,
                "{\"success\":true,\"payer\":\"" + payer(request) + "\",\"transaction\":\""
                        + transactionOf(nonce(request)) + "\",\"network\":\"" + network + "\"}");
    }

    static String nonce(JsonObject request) {
        return string(request, "paymentPayload", "payload", "authorization", "nonce");
    }

    private static String payer(JsonObject request) {
        return string(request, "paymentPayload", "payload", "authorization", "from");
    }

    private static String string(JsonObject object, String... path) {
        JsonValue value = object;
        for (String member : path) {
            value = ((JsonObject) value).get(member).orElseThrow();
        }
        return ((JsonString) value).value();
    }
}
