package dev.agentmarketplace.api.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmarketplace.api.problem.Problem;
import dev.agentmarketplace.core.payment.PaymentOffer;
import dev.agentmarketplace.core.payment.PaymentRequiredException;
import dev.agentmarketplace.x402.protocol.X402Headers;
import dev.agentmarketplace.x402.server.X402PaymentVerifier;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * The 402 of a hire that needs a (valid) payment, answering both protocol versions at once: x402 v2
 * clients read the {@code PAYMENT-REQUIRED} header (transports-v2/http.md), v1 clients the body's
 * {@code x402Version}, {@code error} and {@code accepts}, which ride on the RFC 9457 problem as
 * extension members (RFC 9457 §3.2). A refused settlement also reports itself in the settlement
 * response header of the payment's version.
 */
public final class PaymentChallenge {
    /** Browsers may read the payment headers of a cross-origin answer only when they are exposed. */
    public static final String EXPOSED_HEADERS = String.join(
            ", ", X402Headers.PAYMENT_REQUIRED, X402Headers.PAYMENT_RESPONSE, X402Headers.X_PAYMENT_RESPONSE);

    private static final String V2_UNPAID = X402Headers.PAYMENT_SIGNATURE + " header is required";
    private static final String V1_UNPAID = X402Headers.X_PAYMENT + " header is required";

    private PaymentChallenge() {}

    public static Response respond(PaymentRequiredException required, Problem problem, ObjectMapper json) {
        ObjectNode body = json.valueToTree(problem);
        Response.ResponseBuilder response =
                Response.status(402).type(Problem.MEDIA_TYPE).header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        Optional<String> reason = required.reason();
        reason.ifPresent(value -> body.put("reason", value));
        Optional<PaymentOffer> offer = required.offer();
        if (offer.isPresent()) {
            response.header(
                    X402Headers.PAYMENT_REQUIRED,
                    X402PaymentVerifier.paymentRequiredHeader(offer.get(), reason.or(() -> Optional.of(V2_UNPAID))));
            X402PaymentVerifier.paymentRequiredV1Json(offer.get(), reason.orElse(V1_UNPAID))
                    .ifPresent(v1 -> body.setAll((ObjectNode) read(json, v1)));
        }
        required.refused()
                .flatMap(X402PaymentVerifier::paymentResponse)
                .ifPresent(header -> response.header(header.name(), header.value()));
        return response.entity(body).build();
    }

    private static com.fasterxml.jackson.databind.JsonNode read(ObjectMapper json, String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the x402 library wrote JSON Jackson cannot read: " + text, e);
        }
    }
}
