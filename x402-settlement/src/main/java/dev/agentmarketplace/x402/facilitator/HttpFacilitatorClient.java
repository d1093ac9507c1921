package dev.agentmarketplace.x402.facilitator;

import dev.agentmarketplace.x402.json.JsonParseException;
import dev.agentmarketplace.x402.json.JsonReader;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.protocol.SettlementResponse;
import dev.agentmarketplace.x402.protocol.SupportedResponse;
import dev.agentmarketplace.x402.protocol.VerifyResponse;
import dev.agentmarketplace.x402.protocol.X402CodecException;
import dev.agentmarketplace.x402.protocol.X402Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The facilitator's HTTP API (x402 specification v2 §7) over the JDK's HTTP client: {@code POST
 * /verify}, {@code POST /settle} with the body {@code {x402Version, paymentPayload,
 * paymentRequirements}}, and {@code GET /supported}.
 *
 * <p>Every call ends in a {@link FacilitatorAnswer}: {@code Decided} when the facilitator answered
 * (a 2xx whose body reads, or a 4xx whose body reads as a refusal), {@code Undecided} otherwise (no
 * connection, a timeout, a 429 or 5xx, a body that does not read). Nothing is thrown for a
 * transport problem.
 *
 * <p>Retries, up to {@link FacilitatorConfig#maxAttempts()} with a doubling backoff: a connection
 * failure, a timeout, a 429 and a 5xx are retried; a 2xx or a 4xx never is (the facilitator has
 * decided, or will decide the same again). {@code /verify} and {@code /supported} change nothing
 * and are always retried. {@code /settle} moves money, and an attempt that timed out may have
 * reached the chain: it is retried only under an {@code Idempotency-Key}, and only with the very
 * same body. That is safe because the token refuses a second use of the authorization's nonce
 * (EIP-3009), so a repeated body can settle at most once, and facilitators deduplicate on the key
 * (and on payer, nonce and amount) so that a retry of a settled payment gets the first answer back
 * rather than a nonce error. A different payload is never sent under one key.
 */
public final class HttpFacilitatorClient {

    /** The header that ties the attempts of one settlement together. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** The longest answer read; a {@code /supported} listing every network fits many times over. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final JsonReader READER = new JsonReader(MAX_BODY_BYTES, 32);
    private static final Pattern DELTA_SECONDS = Pattern.compile("[0-9]{1,9}");
    private static final int SHOWN_BODY_CHARACTERS = 200;

    private final FacilitatorConfig config;
    private final HttpClient http;

    public HttpFacilitatorClient(FacilitatorConfig config) {
        this(
                config,
                HttpClient.newBuilder()
                        .connectTimeout(config.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build());
    }

    /** With an HTTP client of the caller's (a proxy, a TLS setup); its connect timeout is its own. */
    public HttpFacilitatorClient(FacilitatorConfig config, HttpClient http) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** {@code POST /verify} with {@code requestBody}, retried as the class says. */
    public FacilitatorAnswer<VerifyResponse> verify(String requestBody) {
        return call(
                "verify",
                Optional.of(requestBody),
                Optional.empty(),
                config.maxAttempts(),
                X402Json::readVerifyResponse,
                answer -> !answer.isValid());
    }

    /**
     * {@code POST /settle} with {@code requestBody}. With an {@code idempotencyKey} every attempt
     * carries it and the identical body, and is retried as {@code /verify} is; without one it is
     * tried once, since a retry could not be told from a second payment.
     */
    public FacilitatorAnswer<SettlementResponse> settle(String requestBody, Optional<String> idempotencyKey) {
        return call(
                "settle",
                Optional.of(requestBody),
                idempotencyKey,
                idempotencyKey.isPresent() ? config.maxAttempts() : 1,
                X402Json::readSettlementResponse,
                answer -> !answer.success());
    }

    /**
     * {@code POST /verify} tried once, whatever the configured retries: for a caller that must
     * answer promptly and leaves retrying to its own client.
     */
    public FacilitatorAnswer<VerifyResponse> verifyOnce(String requestBody) {
        return call(
                "verify",
                Optional.of(requestBody),
                Optional.empty(),
                1,
                X402Json::readVerifyResponse,
                answer -> !answer.isValid());
    }

    /**
     * {@code POST /settle} tried once, whatever the configured retries: for a caller with an outbox
     * of its own that retries later under the same key and body.
     */
    public FacilitatorAnswer<SettlementResponse> settleOnce(String requestBody, Optional<String> idempotencyKey) {
        return call(
                "settle",
                Optional.of(requestBody),
                idempotencyKey,
                1,
                X402Json::readSettlementResponse,
                answer -> !answer.success());
    }

    /** {@code GET /supported}. */
    public FacilitatorAnswer<SupportedResponse> supported() {
        return call(
                "supported",
                Optional.empty(),
                Optional.empty(),
                config.maxAttempts(),
                X402Json::readSupportedResponse,
                answer -> false);
    }

    private <T> FacilitatorAnswer<T> call(
            String endpoint,
            Optional<String> body,
            Optional<String> idempotencyKey,
            int maxAttempts,
            Function<JsonValue, T> reader,
            Predicate<T> isRefusal) {
        URI uri = URI.create(config.baseUrl().toString().replaceAll("/+$", "") + "/" + endpoint);
        for (int attempt = 1; ; attempt++) {
            switch (attempt(uri, body, idempotencyKey, reader, isRefusal)) {
                case Outcome.Final<T>(FacilitatorAnswer<T> answer) -> {
                    return answer;
                }
                case Outcome.Retriable<T>(String problem, Optional<Duration> retryAfter) -> {
                    if (attempt >= maxAttempts) {
                        return new FacilitatorAnswer.Undecided<>(
                                endpoint + ": " + problem + " (attempt " + attempt + " of " + maxAttempts + ")");
                    }
                    try {
                        Thread.sleep(delay(attempt, retryAfter).toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return new FacilitatorAnswer.Undecided<>(
                                endpoint + ": interrupted before retrying after " + problem);
                    }
                }
            }
        }
    }

    /** The backoff, or the server's {@code Retry-After} when longer; never more than {@code maxBackoff}. */
    private Duration delay(int attempt, Optional<Duration> retryAfter) {
        Duration backoff = config.backoffAfter(attempt);
        Duration wanted =
                retryAfter.filter(asked -> asked.compareTo(backoff) > 0).orElse(backoff);
        return wanted.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wanted;
    }

    private <T> Outcome<T> attempt(
            URI uri,
            Optional<String> body,
            Optional<String> idempotencyKey,
            Function<JsonValue, T> reader,
            Predicate<T> isRefusal) {
        String method = body.isPresent() ? "POST" : "GET";
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(config.requestTimeout()).header("Accept", "application/json");
        body.ifPresentOrElse(
                json -> request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)),
                request::GET);
        idempotencyKey.ifPresent(key -> request.header(IDEMPOTENCY_KEY, key));
        config.authorization()
                .ifPresent(
                        header -> request.header(header.name(), header.value().of(method, uri)));

        CompletableFuture<HttpResponse<LimitedBody.Body>> sent =
                http.sendAsync(request.build(), info -> new LimitedBody(MAX_BODY_BYTES));
        HttpResponse<LimitedBody.Body> response;
        try {
            // The request timeout bounds the wait for the headers; this bounds the body as well.
            response = sent.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            return new Outcome.Retriable<>("no answer within " + config.requestTimeout(), Optional.empty());
        } catch (ExecutionException e) {
            return new Outcome.Retriable<>(describe(e.getCause()), Optional.empty());
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome.Final<>(new FacilitatorAnswer.Undecided<>("interrupted while waiting for an answer"));
        }

        int status = response.statusCode();
        LimitedBody.Body content = response.body();
        if (status == 429 || status >= 500) {
            return new Outcome.Retriable<>(
                    "HTTP " + status + shown(content),
                    retryAfter(response.headers().firstValue("Retry-After")));
        }
        if (content.overflow()) {
            return undecided("HTTP " + status + " with an answer longer than " + MAX_BODY_BYTES + " bytes");
        }
        T answer;
        try {
            answer = reader.apply(READER.read(content.bytes()));
        } catch (JsonParseException | X402CodecException unreadable) {
            return undecided("HTTP " + status + " with an answer that does not read: " + unreadable.getMessage()
                    + shown(content));
        }
        boolean success = status >= 200 && status < 300;
        boolean refusal = status >= 400 && status < 500 && isRefusal.test(answer);
        if (success || refusal) {
            return new Outcome.Final<>(new FacilitatorAnswer.Decided<>(status, answer));
        }
        return undecided("HTTP " + status + shown(content));
    }

    private static <T> Outcome<T> undecided(String problem) {
        return new Outcome.Final<>(new FacilitatorAnswer.Undecided<>(problem));
    }

    private String describe(Throwable failure) {
        return switch (failure) {
            case HttpConnectTimeoutException ignored -> "no connection within " + config.connectTimeout();
            case HttpTimeoutException ignored -> "no answer within " + config.requestTimeout();
            case ConnectException e -> "cannot connect: " + e.getMessage();
            case IOException e -> "transport failure: " + e;
            default -> "failure: " + failure;
        };
    }

    // RFC 9110 §10.2.3: delay-seconds only; an HTTP date is not worth a clock comparison here.
    private static Optional<Duration> retryAfter(Optional<String> header) {
        return header.map(String::strip)
                .filter(value -> DELTA_SECONDS.matcher(value).matches())
                .map(value -> Duration.ofSeconds(Long.parseLong(value)));
    }

    private static String shown(LimitedBody.Body content) {
        if (content.bytes().length == 0) {
            return "";
        }
        String text = new String(content.bytes(), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return ": " + (text.length() > SHOWN_BODY_CHARACTERS ? text.substring(0, SHOWN_BODY_CHARACTERS) + "…" : text);
    }

    /** One attempt: the call's end, or a failure worth another attempt. */
    private sealed interface Outcome<T> {
        record Final<T>(FacilitatorAnswer<T> answer) implements Outcome<T> {}

        record Retriable<T>(String problem, Optional<Duration> retryAfter) implements Outcome<T> {}
    }
}
