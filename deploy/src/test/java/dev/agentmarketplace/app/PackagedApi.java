package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;

import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.registry.AgentId;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the {@code Packaged*IT} tests share: tokens from {@link PackagedAppProfile}, an agent's
 * registration over HTTP. Only HTTP reaches the packaged
 * application: no bean, no repository, no database connection of the test's own.
 */
final class PackagedApi {
    static final String WALLET = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";

    private PackagedApi() {}

    /** An agent id no other test of the suite uses, as they all share one database. */
    static String uniqueAgentId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification asAgent(String agentId) {
        String token = PackagedAppProfile.tokens()
                .mintForAgent(AgentId.of(agentId), Set.of(Role.AGENT))
                .token();
        return given().auth().oauth2(token);
    }

    static RequestSpecification asOperator() {
        String token = PackagedAppProfile.tokens()
                .mint("ops", Optional.empty(), Set.of(Role.OPERATOR))
                .token();
        return given().auth().oauth2(token);
    }

    static Map<String, Object> registration(String agentId, String capability, String price) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", agentId);
        body.put("displayName", "Agent " + agentId);
        body.put("owner", "acme");
        body.put("capabilities", List.of(capability));
        body.put("price", Map.of("amount", price, "currency", "USDC"));
        body.put("payoutWallet", WALLET);
        body.put("availability", "online");
        body.put("capacityPerHour", 12);
        body.put("metadata", Map.of("region", "eu-west"));
        return body;
    }

    /** {@code agentId} registers itself, as an agent does over the API. */
    static Response register(String agentId, String capability, String price) {
        return asAgent(agentId)
                .contentType(ContentType.JSON)
                .body(registration(agentId, capability, price))
                .post("/api/v1/agents");
    }
}
