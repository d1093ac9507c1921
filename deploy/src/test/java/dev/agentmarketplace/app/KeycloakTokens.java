package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;

/** Real tokens from the test realm: client credentials for agents, the password grant for people. */
final class KeycloakTokens {
    private KeycloakTokens() {}

    static String agent(String clientId, String secret) {
        return token(given().formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret));
    }

    static String person(String username, String password) {
        return token(given().formParam("grant_type", "password")
                .formParam("client_id", "marketplace-cli")
                .formParam("username", username)
                .formParam("password", password));
    }

    private static String token(io.restassured.specification.RequestSpecification request) {
        return request.when()
                .post(KeycloakServer.realmUrl() + "/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }
}
