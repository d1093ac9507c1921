package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The receipt signing key given as configuration, as production passes it from a Kubernetes Secret
 * (MARKETPLACE_X402_RECEIPTS_SIGNING_KEY), so every replica signs with the same key: no file is read
 * or created, and the published signer is that key's address.
 */
@QuarkusTest
@TestProfile(ReceiptKeyFromSecretIT.KeyFromSecret.class)
class ReceiptKeyFromSecretIT {
    public static class KeyFromSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "marketplace.x402.receipts.signing-key", TestPayer.KEY,
                    "marketplace.x402.receipts.signing-key-file", "target/no-such-directory/key",
                    "marketplace.x402.receipts.create-key", "false");
        }
    }

    @Test
    void publishedSignerIsTheConfiguredKeysAddress() {
        given().get("/.well-known/settlement-receipts")
                .then()
                .statusCode(200)
                .body("signer", equalTo(TestPayer.ADDRESS));
    }
}
