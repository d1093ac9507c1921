package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A hire and its settlement through the packaged application, with the ledger and the metrics it moves. */
@QuarkusIntegrationTest
@TestProfile(PackagedAppProfile.class)
@EnabledIfPostgresAvailable
class PackagedHireIT {
    private static final String TRANSACTIONS = "/api/v1/transactions";
    private static final String SETTLED = "from=\"PENDING\",to=\"SETTLED\"";

    @Test
    void aHireIsHeldInEscrowAndItsSettlementPaysTheProvider() {
        String payer = PackagedApi.uniqueAgentId("payer");
        String provider = PackagedApi.uniqueAgentId("provider");
        PackagedApi.register(payer, "planning", "1.0").then().statusCode(201);
        PackagedApi.register(provider, "python", "1.5").then().statusCode(201);
        String before = PrometheusScrape.fetch();

        String id = hire(payer, provider, UUID.randomUUID().toString())
                .then()
                .statusCode(201)
                .body("payer", equalTo(payer))
                .body("provider", equalTo(provider))
                .body("amount.amount", equalTo("1.500000"))
                .body("state", equalTo("PENDING"))
                .body("timeline.to", contains("PENDING"))
                .extract()
                .path("id");

        PackagedApi.asAgent(payer)
                .contentType(ContentType.JSON)
                .body(Map.of("settlementReference", "0xpackaged"))
                .post(TRANSACTIONS + "/" + id + "/settlement")
                .then()
                .statusCode(200)
                .body("state", equalTo("SETTLED"))
                .body("settlementReference", equalTo("0xpackaged"))
                .body("settledAt", notNullValue())
                .body("timeline.to", contains("PENDING", "SETTLED"));

        PackagedApi.asAgent(provider)
                .get(TRANSACTIONS + "/" + id)
                .then()
                .statusCode(200)
                .body("journal.kind", contains("HOLD", "SETTLE"))
                .body("journal[1].postings.account", hasItem("agent:" + provider));
        String after = PrometheusScrape.fetch();
        assertThat(PrometheusScrape.value(after, "marketplace_transactions_total", SETTLED)
                        - PrometheusScrape.value(before, "marketplace_transactions_total", SETTLED))
                .isEqualTo(1.0);
    }

    @Test
    void aRetriedHireReplaysTheFirstAnswer() {
        String payer = PackagedApi.uniqueAgentId("payer");
        String provider = PackagedApi.uniqueAgentId("provider");
        PackagedApi.register(payer, "planning", "1.0").then().statusCode(201);
        PackagedApi.register(provider, "python", "1.5").then().statusCode(201);
        String key = UUID.randomUUID().toString();

        String first =
                hire(payer, provider, key).then().statusCode(201).extract().path("id");

        hire(payer, provider, key)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first))
                .body("state", equalTo("PENDING"));
    }

    private static Response hire(String payer, String provider, String idempotencyKey) {
        return PackagedApi.asAgent(payer)
                .header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "provider",
                        provider,
                        "capability",
                        "python",
                        "amount",
                        Map.of("amount", "1.50", "currency", "USDC"),
                        "context",
                        "packaged hire"))
                .post(TRANSACTIONS);
    }
}
