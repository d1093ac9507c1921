package dev.agentmarketplace.app;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keycloak, the reference OIDC provider, from its server distribution (unpacked by the build) in
 * dev mode on 127.0.0.1, with the test realm of {@code keycloak/marketplace-realm.json}: agent
 * clients with client credentials, an operator and an admin user. The platform under test is
 * pointed at it exactly as the README tells production to be.
 */
public class KeycloakServer implements QuarkusTestResourceLifecycleManager {
    static final String REALM = "marketplace";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private Process process;
    private static String baseUrl;

    /** The realm's URL, for tests that fetch tokens. */
    static String realmUrl() {
        return baseUrl + "/realms/" + REALM;
    }

    @Override
    public Map<String, String> start() {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-unknown"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak is not unpacked at " + home + "; run the build's"
                    + " pre-integration-test phase (maven-dependency-plugin unpack-keycloak)");
        }
        try {
            Path data = home.resolve("data");
            deleteRecursively(data);
            Path imports = Files.createDirectories(data.resolve("import"));
            try (InputStream realm = KeycloakServer.class.getResourceAsStream("/keycloak/marketplace-realm.json")) {
                Files.copy(realm, imports.resolve("marketplace-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
            int port = freePort();
            int managementPort = freePort();
            ProcessBuilder builder = new ProcessBuilder(
                            home.resolve("bin/kc.sh").toString(),
                            "start-dev",
                            "--http-host=127.0.0.1",
                            "--http-port=" + port,
                            "--http-management-port=" + managementPort,
                            "--import-realm")
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target/keycloak.log").toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "kc-admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "kc-admin-password");
            process = builder.start();
            baseUrl = "http://127.0.0.1:" + port;
            awaitRealm();
            return Map.of(
                    "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", realmUrl(),
                    "quarkus.oidc.roles.role-claim-path", "realm_access/roles",
                    "marketplace.auth.local-issuer.enabled", "false",
                    "marketplace.auth.agent-id-claim", "azp");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                process.onExit().get();
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
    }

    private void awaitRealm() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Keycloak exited with " + process.exitValue() + "; see target/keycloak.log");
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        stop();
        throw new IllegalStateException("Keycloak did not serve the realm within " + START_TIMEOUT);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
