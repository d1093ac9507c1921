package dev.agentmarketplace.app;

import dev.agentmarketplace.api.security.LocalIssuerKeys;
import dev.agentmarketplace.api.security.LocalTokenIssuer;
import dev.agentmarketplace.persistence.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}, or the native executable under
 * {@code -Pnative}) as production runs it: the {@code prod} profile, configured only through the
 * environment's names, on a database of its own on the real PostgreSQL server. Quarkus passes the
 * resource's configuration to the launched process as system properties.
 *
 * <p>The one departure from production is who issues tokens: the embedded issuer is switched on with a
 * key pair the suite creates first, so the tests mint tokens in their own JVM ({@link #tokens()}) that
 * the packaged application verifies with quarkus-oidc like any provider's. The external provider the
 * {@code prod} profile names is never reached (port 9 is closed).
 */
public class PackagedAppProfile implements QuarkusTestProfile {
    /** The issuer's {@code iss}, the default of {@code marketplace.auth.local-issuer.issuer}. */
    private static final String ISSUER = "urn:agent-marketplace:local-issuer";

    private static volatile LocalTokenIssuer tokens;
    private static volatile Path dataDirectory;

    /** Mints tokens the packaged application accepts, as its embedded issuer would. */
    static LocalTokenIssuer tokens() {
        return tokens;
    }

    /** The {@code marketplace.data-dir} of the packaged application, which {@code prod} never writes. */
    static Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    public static final class Resource implements QuarkusTestResourceLifecycleManager {
        private final PostgresTestDatabase database = new PostgresTestDatabase();

        @Override
        public Map<String, String> start() {
            Map<String, String> db = database.start();
            Path root = Path.of("target", "packaged-it", UUID.randomUUID().toString())
                    .toAbsolutePath();
            Path keys = root.resolve("issuer");
            tokens = new LocalTokenIssuer(
                    LocalIssuerKeys.loadOrCreate(keys), ISSUER, "sub", Duration.ofMinutes(30), Clock.systemUTC());
            dataDirectory = root.resolve("data");

            Map<String, String> config = new HashMap<>();
            // The prod profile's variables (README.md, "Running against PostgreSQL").
            config.put("MARKETPLACE_DB_URL", db.get("quarkus.datasource.jdbc.url"));
            config.put("MARKETPLACE_DB_USER", db.get("quarkus.datasource.username"));
            // An empty value counts as unset, which the prod profile refuses; trust authentication ignores it.
            String password = db.get("quarkus.datasource.password");
            config.put("MARKETPLACE_DB_PASSWORD", password.isEmpty() ? "unused" : password);
            config.put("MARKETPLACE_OIDC_URL", "http://127.0.0.1:9/realms/unused");
            config.put("MARKETPLACE_DASHBOARD_CLIENT_SECRET", "unused");
            // Production takes the receipts' signing key from a Secret; the prod profile refuses to make one up.
            config.put("marketplace.x402.receipts.signing-key", TestPayer.KEY);
            config.put("marketplace.data-dir", dataDirectory.toString());
            config.put("marketplace.auth.local-issuer.enabled", "true");
            config.put("marketplace.auth.local-issuer.key-directory", keys.toString());
            return config;
        }

        @Override
        public void stop() {
            database.stop();
        }
    }
}
