package dev.agentmarketplace.app;

import io.restassured.http.ContentType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;

/** Moves the market through the public API, as agents and operators do, for the overview's tests. */
@ApplicationScoped
public class OverviewApi {
    @Inject
    ApiTokens tokens;

    /** A hire of {@code provider}'s python at 1.50 USDC; returns the transaction's id. */
    public String hire(String payer, String provider) {
        return tokens.asAgent(payer)
                .header("Idempotency-Key", "overview-" + UUID.randomUUID())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "provider",
                        provider,
                        "capability",
                        "python",
                        "amount",
                        Map.of("amount", "1.50", "currency", "USDC")))
                .post("/api/v1/transactions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public void settle(String payer, String transaction) {
        tokens.asAgent(payer)
                .contentType(ContentType.JSON)
                .body(Map.of("settlementReference", "ref-" + transaction))
                .post("/api/v1/transactions/" + transaction + "/settlement")
                .then()
                .statusCode(200);
    }

    /** Opens a dispute as the payer; returns the dispute's id. */
    public String dispute(String payer, String transaction) {
        return tokens.asAgent(payer)
                .contentType(ContentType.JSON)
                .body(Map.of("transactionId", transaction, "reason", "nothing was delivered"))
                .post("/api/v1/disputes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public void refundInFull(String dispute) {
        tokens.asOperator()
                .contentType(ContentType.JSON)
                .body(Map.of("outcome", "FULL_REFUND", "note", "refunded"))
                .post("/api/v1/disputes/" + dispute + "/resolution")
                .then()
                .statusCode(200);
    }
}
