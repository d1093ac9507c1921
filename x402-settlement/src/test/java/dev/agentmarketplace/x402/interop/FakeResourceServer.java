package dev.agentmarketplace.x402.interop;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentmarketplace.x402.evm.Eip712Domain;
import dev.agentmarketplace.x402.evm.EvmAddress;
import dev.agentmarketplace.x402.evm.EvmPayloadException;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.json.JsonWriter;
import dev.agentmarketplace.x402.protocol.ExactEvmPayload;
import dev.agentmarketplace.x402.protocol.PaymentPayload;
import dev.agentmarketplace.x402.protocol.PaymentPayloadV1;
import dev.agentmarketplace.x402.protocol.PaymentRequired;
import dev.agentmarketplace.x402.protocol.PaymentRequiredV1;
import dev.agentmarketplace.x402.protocol.PaymentRequirements;
import dev.agentmarketplace.x402.protocol.PaymentRequirementsV1;
import dev.agentmarketplace.x402.protocol.ResourceInfo;
import dev.agentmarketplace.x402.protocol.SettlementResponse;
import dev.agentmarketplace.x402.protocol.SignedPayment;
import dev.agentmarketplace.x402.protocol.X402CodecException;
import dev.agentmarketplace.x402.protocol.X402Headers;
import dev.agentmarketplace.x402.protocol.X402Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A paid resource on 127.0.0.1 that speaks x402 through our codec and verifier only, the stand-in for
 * the platform the fetch scripts will later pay. {@code /v2/...} answers 402 with PAYMENT-REQUIRED,
 * {@code /v1/...} with the v1 body; a retried request's payment is decoded, must echo the offer and
 * carry a signature that recovers to its {@code from}, and is then served 200 with the settlement
 * header. {@code /free} answers 200 without asking for payment. No chain: the transaction is fixed.
 */
final class FakeResourceServer implements AutoCloseable {
    static final String TRANSACTION = "0x" + "ab".repeat(32);

    /** One request as the server saw it; header names are case-insensitive. */
    record Seen(String method, String path, Headers headers, String body) {
        Optional<String> header(String name) {
            return X402Headers.find(headers, name);
        }

        JsonValue json() {
            return Json.parse(body);
        }
    }

    /** A payment refused with an x402 error reason, answered as a 402 carrying it. */
    private static final class Refused extends RuntimeException {
        private final String reason;

        Refused(String reason) {
            super(reason);
            this.reason = reason;
        }
    }

    private final HttpServer server;
    private final PaymentRequirements offer;
    private final PaymentRequirementsV1 offerV1;
    private final Optional<JsonObject> extensions;
    private final List<Seen> requests = new CopyOnWriteArrayList<>();
    private final List<SignedPayment> payments = new CopyOnWriteArrayList<>();
    private volatile Optional<String> refusal = Optional.empty();

    FakeResourceServer(BigInteger amount, Optional<JsonObject> extensions) {
        this.offer = Fixtures.offer(amount);
        this.offerV1 = Fixtures.offerV1(amount, "http://127.0.0.1/v1");
        this.extensions = extensions;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v2/", exchange -> handle(exchange, this::v2));
        server.createContext("/v1/", exchange -> handle(exchange, this::v1));
        server.createContext("/free", exchange -> handle(exchange, (e, seen) -> respond(e, 200, "{\"free\":true}")));
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    PaymentRequirements offer() {
        return offer;
    }

    List<Seen> requests() {
        return List.copyOf(requests);
    }

    /** The payments that decoded and verified, in order. */
    List<SignedPayment> payments() {
        return List.copyOf(payments);
    }

    /** From now on a valid payment is refused with this x402 reason (402), as a facilitator might. */
    void refuseWith(String reason) {
        refusal = Optional.of(reason);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private interface Handler {
        void handle(HttpExchange exchange, Seen seen) throws IOException;
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            Seen seen = new Seen(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    new Headers(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), UTF_8));
            requests.add(seen);
            try {
                handler.handle(exchange, seen);
            } catch (RuntimeException e) {
                // Shown to the script, so a broken fake fails a test with its reason, not a reset connection.
                respond(exchange, 500, JsonWriter.write(Json.object("fakeServerError", String.valueOf(e))));
            }
        }
    }

    private void v2(HttpExchange exchange, Seen seen) throws IOException {
        Optional<String> header = seen.header(X402Headers.PAYMENT_SIGNATURE);
        if (header.isEmpty()) {
            paymentRequired(exchange, seen, Optional.empty());
            return;
        }
        PaymentPayload payment;
        EvmAddress payer;
        try {
            payment = X402Headers.decodePaymentSignature(header.get());
            if (!payment.accepted().equals(offer)) {
                paymentRequired(exchange, seen, Optional.of("invalid_payment_requirements"));
                return;
            }
            payer = verified(Fixtures.domainOf(offer), payment.payload(), offer.payTo(), offer.amount());
        } catch (X402CodecException e) {
            paymentRequired(exchange, seen, Optional.of(e.reason().code()));
            return;
        } catch (Refused e) {
            paymentRequired(exchange, seen, Optional.of(e.reason));
            return;
        }
        payments.add(payment);
        if (refusal.isPresent()) {
            paymentRequired(exchange, seen, refusal);
            return;
        }
        exchange.getResponseHeaders()
                .set(
                        X402Headers.PAYMENT_RESPONSE,
                        X402Headers.encodePaymentResponse(settled(payer, offer.network(), offer.amount())));
        respond(exchange, 200, JsonWriter.write(Json.object("served", seen.path())));
    }

    private void paymentRequired(HttpExchange exchange, Seen seen, Optional<String> error) throws IOException {
        PaymentRequired required =
                new PaymentRequired(error, ResourceInfo.of(url(seen.path())), List.of(offer), extensions);
        exchange.getResponseHeaders().set(X402Headers.PAYMENT_REQUIRED, X402Headers.encodePaymentRequired(required));
        respond(exchange, 402, JsonWriter.write(X402Json.write(required)));
    }

    private void v1(HttpExchange exchange, Seen seen) throws IOException {
        Optional<String> header = seen.header(X402Headers.X_PAYMENT);
        if (header.isEmpty()) {
            paymentRequiredV1(exchange, "X-PAYMENT header is required");
            return;
        }
        PaymentPayloadV1 payment;
        EvmAddress payer;
        try {
            payment = X402Headers.decodeXPayment(header.get());
            if (!payment.network().equals(offerV1.network())) {
                paymentRequiredV1(exchange, "invalid_network");
                return;
            }
            payer = verified(
                    Fixtures.domainOf(offerV1), payment.payload(), offerV1.payTo(), offerV1.maxAmountRequired());
        } catch (X402CodecException e) {
            paymentRequiredV1(exchange, e.reason().code());
            return;
        } catch (Refused e) {
            paymentRequiredV1(exchange, e.reason);
            return;
        }
        payments.add(payment);
        exchange.getResponseHeaders()
                .set(
                        X402Headers.X_PAYMENT_RESPONSE,
                        X402Headers.encodePaymentResponse(
                                settled(payer, offerV1.network(), offerV1.maxAmountRequired())));
        respond(exchange, 200, JsonWriter.write(Json.object("served", seen.path())));
    }

    private void paymentRequiredV1(HttpExchange exchange, String error) throws IOException {
        respond(exchange, 402, JsonWriter.write(X402Json.write(new PaymentRequiredV1(error, List.of(offerV1)))));
    }

    /** The payer, once payee and amount match the offer and the signature recovers to {@code from}. */
    private static EvmAddress verified(Eip712Domain domain, ExactEvmPayload payload, String payTo, BigInteger amount) {
        try {
            if (!EvmAddress.of(payload.authorization().to()).equals(EvmAddress.of(payTo))) {
                throw new Refused("invalid_exact_evm_payload_recipient_mismatch");
            }
            if (!payload.authorization().value().equals(amount)) {
                throw new Refused("invalid_exact_evm_payload_authorization_value_mismatch");
            }
            return Fixtures.verify(domain, payload);
        } catch (EvmPayloadException e) {
            throw new Refused(e.reason().wire());
        }
    }

    private static SettlementResponse settled(EvmAddress payer, String network, BigInteger amount) {
        return new SettlementResponse(
                true,
                Optional.empty(),
                Optional.of(payer.value()),
                TRANSACTION,
                network,
                Optional.of(amount),
                Optional.empty());
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
