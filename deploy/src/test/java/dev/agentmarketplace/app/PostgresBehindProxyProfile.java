package dev.agentmarketplace.app;

import dev.agentmarketplace.persistence.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fresh database on the real PostgreSQL server that the application reaches only through a
 * {@link CuttableProxy}, so a test can take the database away and give it back. {@link #directUrl()}
 * bypasses the proxy, for a test's own connections.
 */
public class PostgresBehindProxyProfile implements QuarkusTestProfile {
    private static volatile CuttableProxy proxy;
    private static volatile String directUrl;

    static CuttableProxy proxy() {
        return proxy;
    }

    static String directUrl() {
        return directUrl;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                // Fail fast while the database is away, rather than after the default 5 s.
                "quarkus.datasource.jdbc.acquisition-timeout", "2S",
                "quarkus.datasource.jdbc.additional-jdbc-properties.connectTimeout", "2");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }

    public static final class Resource implements QuarkusTestResourceLifecycleManager {
        private final PostgresTestDatabase database = new PostgresTestDatabase();

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(database.start());
            directUrl = config.get("quarkus.datasource.jdbc.url");
            URI server = URI.create(directUrl.substring("jdbc:".length()));
            proxy = new CuttableProxy(server.getHost(), server.getPort());
            config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getPath());
            return config;
        }

        @Override
        public void stop() {
            if (proxy != null) {
                proxy.close();
            }
            database.stop();
        }
    }
}
