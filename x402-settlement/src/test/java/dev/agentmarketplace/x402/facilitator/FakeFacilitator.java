package dev.agentmarketplace.x402.facilitator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A facilitator on 127.0.0.1 that answers from a script, per path: each request takes the next
 * reply, and the last one is repeated. Every request is recorded as it arrived.
 */
final class FakeFacilitator implements AutoCloseable {

    record Request(String method, String path, Headers headers, String body) {}

    record Reply(int status, String body, Map<String, String> headers, Duration delay) {
        static Reply of(int status, String body) {
            return new Reply(status, body, Map.of(), Duration.ZERO);
        }

        Reply withHeader(String name, String value) {
            return new Reply(status, body, Map.of(name, value), delay);
        }

        Reply after(Duration wait) {
            return new Reply(status, body, headers, wait);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Deque<Reply>> script = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    FakeFacilitator() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FakeFacilitator on(String path, Reply... replies) {
        script.put(path, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        requests.add(new Request(exchange.getRequestMethod(), path, new Headers(exchange.getRequestHeaders()), body));
        Reply reply = next(path);
        try {
            Thread.sleep(reply.delay().toMillis());
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientGone) {
            // The client gave up waiting (a timeout test): nothing to answer.
        }
    }

    private Reply next(String path) {
        Deque<Reply> replies = script.get(path);
        if (replies == null) {
            return Reply.of(404, "{\"error\":\"no route\"}");
        }
        synchronized (replies) {
            return replies.size() > 1 ? replies.removeFirst() : replies.getFirst();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
