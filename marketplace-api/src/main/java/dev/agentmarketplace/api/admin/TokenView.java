package dev.agentmarketplace.api.admin;

import dev.agentmarketplace.api.security.LocalTokenIssuer.MintedToken;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A freshly minted bearer token for a client, shown once. */
@Schema(name = "IssuedToken")
public record TokenView(
        ClientView client,

        @Schema(description = "Send as 'Authorization: Bearer <accessToken>'")
        String accessToken,

        @Schema(examples = "Bearer") String tokenType,
        Instant expiresAt) {

    static TokenView of(ClientView client, MintedToken token) {
        return new TokenView(client, token.token(), "Bearer", token.expiresAt());
    }
}
