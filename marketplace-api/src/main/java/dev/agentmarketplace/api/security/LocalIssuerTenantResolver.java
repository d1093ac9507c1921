package dev.agentmarketplace.api.security;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Points quarkus-oidc at the embedded issuer when it is enabled; otherwise (a null tenant) the
 * default tenant, configured with {@code quarkus.oidc.auth-server-url}, verifies every token.
 */
@ApplicationScoped
public class LocalIssuerTenantResolver implements TenantConfigResolver {
    private final LocalIssuer issuer;

    LocalIssuerTenantResolver(LocalIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public Uni<OidcTenantConfig> resolve(
            RoutingContext routingContext, OidcRequestContext<OidcTenantConfig> requestContext) {
        if (!issuer.enabled()) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(issuer::tenantConfig);
    }
}
