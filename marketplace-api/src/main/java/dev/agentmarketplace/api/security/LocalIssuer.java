package dev.agentmarketplace.api.security;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The embedded token issuer when {@code marketplace.auth.local-issuer.enabled}: its keys are read
 * (or created) on first use, never when an external provider is configured instead.
 */
@Singleton
public class LocalIssuer {
    static final String TENANT_ID = "local-issuer";

    private final AuthConfig config;
    private final Clock clock;
    private volatile Loaded loaded;

    LocalIssuer(AuthConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public boolean enabled() {
        return config.localIssuer().enabled();
    }

    /**
     * The issuer's token minting.
     *
     * @throws ConflictException with {@code LOCAL_ISSUER_DISABLED} when an external provider issues tokens instead
     */
    public LocalTokenIssuer tokens() {
        return load().tokens();
    }

    /**
     * The issuer's dashboard sign-in links and sessions.
     *
     * @throws ConflictException with {@code LOCAL_ISSUER_DISABLED} when an external provider signs staff in instead
     */
    public LocalSignInCredentials signIn() {
        return load().signIn();
    }

    /** How quarkus-oidc verifies the issuer's tokens: with its public key, its issuer and the groups claim. */
    OidcTenantConfig tenantConfig() {
        return load().tenant();
    }

    private Loaded load() {
        if (!enabled()) {
            throw new ConflictException(
                    ErrorCode.LOCAL_ISSUER_DISABLED,
                    "the embedded token issuer is disabled; tokens come from the configured OIDC provider");
        }
        Loaded current = loaded;
        if (current == null) {
            synchronized (this) {
                current = loaded;
                if (current == null) {
                    current = loaded = Loaded.of(config, clock);
                }
            }
        }
        return current;
    }

    private record Loaded(LocalTokenIssuer tokens, LocalSignInCredentials signIn, OidcTenantConfig tenant) {
        static Loaded of(AuthConfig config, Clock clock) {
            AuthConfig.LocalIssuer settings = config.localIssuer();
            LocalIssuerKeys keys = LocalIssuerKeys.loadOrCreate(settings.keyDirectory());
            OidcTenantConfig tenant = OidcTenantConfig.builder()
                    .tenantId(TENANT_ID)
                    .applicationType(ApplicationType.SERVICE)
                    .publicKey(keys.publicKeyBase64())
                    .token()
                    .issuer(settings.issuer())
                    .principalClaim("sub")
                    .end()
                    .roles()
                    .roleClaimPath("groups")
                    .end()
                    .build();
            LocalTokenIssuer tokens = new LocalTokenIssuer(
                    keys, settings.issuer(), config.agentIdClaim(), settings.tokenLifetime(), clock);
            return new Loaded(tokens, new LocalSignInCredentials(keys, tokens, settings.issuer(), clock), tenant);
        }
    }
}
