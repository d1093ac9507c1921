package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;

import dev.agentmarketplace.api.security.LocalIssuer;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.registry.AgentId;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;

/** Bearer tokens of the embedded issuer for API tests, minted exactly as the admin API mints them. */
@ApplicationScoped
public class ApiTokens {
    @Inject
    LocalIssuer issuer;

    /** A token acting as agent {@code agentId}. */
    public String agent(String agentId) {
        return issuer.tokens()
                .mintForAgent(AgentId.of(agentId), Set.of(Role.AGENT))
                .token();
    }

    public String operator() {
        return issuer.tokens()
                .mint("ops", Optional.empty(), Set.of(Role.OPERATOR))
                .token();
    }

    public String admin() {
        return adminNamed("root");
    }

    public String adminNamed(String subject) {
        return issuer.tokens()
                .mint(subject, Optional.empty(), Set.of(Role.ADMIN))
                .token();
    }

    /** A token of {@code subject} that has lost every role (as after an operator's role is revoked). */
    public String withoutRoles(String subject) {
        return issuer.tokens().mint(subject, Optional.empty(), Set.of()).token();
    }

    /** A valid token whose roles are none of ours: authenticated, allowed nothing. */
    public String noRoles() {
        return issuer.tokens().mint("stranger", Optional.empty(), Set.of()).token();
    }

    /** A request as agent {@code agentId}. */
    public RequestSpecification asAgent(String agentId) {
        return given().auth().oauth2(agent(agentId));
    }

    public RequestSpecification asOperator() {
        return given().auth().oauth2(operator());
    }

    public RequestSpecification asAdmin() {
        return given().auth().oauth2(admin());
    }
}
