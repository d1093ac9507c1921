package dev.agentmarketplace.app;

import static dev.agentmarketplace.app.PaidHireApiIT.PATH;
import static dev.agentmarketplace.app.PaidHireApiIT.PAYER;
import static dev.agentmarketplace.app.PaidHireApiIT.PROVIDER;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.x402.client.PaymentHeader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hire paid and settled through x402 (with the fake facilitator), as the transaction page shows
 * it: the payment with its attempts and chain transaction, and the very receipt the API signs.
 */
@QuarkusTest
@TestProfile(FacilitatorProfile.class)
class TransactionPaymentPageIT {
    private static final Map<String, String> BODY = Map.of("capability", "python", "context", "refactor billing");

    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    DashboardClient dashboard;

    @BeforeEach
    void registerAgents() {
        registry.clear();
        FakeFacilitator.reset();
        registry.register(PAYER, "Orchestrator", Availability.ONLINE, "planning");
        registry.register(PROVIDER, "Python Expert", Availability.ONLINE, "python");
    }

    @AfterEach
    void leaveNothingBehind() {
        registry.clear();
    }

    @Test
    void aSettledX402HireShowsItsPaymentChainTransactionAndTheSignedReceipt() {
        Response challenge =
                tokens.asAgent(PAYER).contentType("application/json").body(BODY).post(PATH);
        challenge.then().statusCode(402);
        PaymentHeader payment = TestPayer.payV2(challenge);
        String chainTransaction = FakeFacilitator.transactionOf(
                payment.payment().payload().authorization().nonce());
        String id = tokens.asAgent(PAYER)
                .contentType("application/json")
                .body(BODY)
                .header(payment.name(), payment.value())
                .header("Idempotency-Key", "payment-page-2026-12-03-01")
                .post(PATH)
                .then()
                .statusCode(201)
                .extract()
                .path("transaction.id");
        String signature = tokens.asOperator()
                .get("/api/v1/transactions/" + id + "/receipt")
                .then()
                .statusCode(200)
                .extract()
                .path("signature");

        dashboard
                .asOperator()
                .get("/dashboard/transactions/" + id)
                .then()
                .statusCode(200)
                .body(containsString("<span class=\"payment-state payment-settled\">SETTLED</span>"))
                .body(containsString("<dd id=\"payment-attempts\">1</dd>"))
                .body(containsString("<dd id=\"payment-chain-transaction\"><code>" + chainTransaction + "</code>"))
                .body(containsString("<dd id=\"receipt-method\">x402</dd>"))
                .body(containsString("<dt>Chain transaction</dt><dd><code>" + chainTransaction + "</code></dd>"))
                .body(containsString("id=\"receipt-signature\">" + signature + "<"))
                .body(containsString("No move is open to you on a SETTLED transaction."))
                .body(not(containsString("/settlement\"")));
    }
}
