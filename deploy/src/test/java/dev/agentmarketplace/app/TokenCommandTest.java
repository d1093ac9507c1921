package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token command mints with the data directory's key and refuses unclear requests. */
class TokenCommandTest {
    @TempDir
    Path data;

    @Test
    void mintsAnAdminTokenAndCreatesTheKeyOnFirstUse() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = TokenCommand.run(
                new String[] {"token", "--subject", "ops", "--role", "admin", "--lifetime", "PT1H"},
                config(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);

        assertThat(status).isZero();
        assertThat(Files.exists(data.resolve("issuer/issuer-private-key.pem"))).isTrue();
        String claims = claimsOf(out.toString(StandardCharsets.UTF_8).strip());
        assertThat(claims)
                .contains("\"sub\":\"ops\"")
                .contains("\"admin\"")
                .contains("\"iss\":\"urn:agent-marketplace:local-issuer\"");
    }

    @Test
    void anAgentTokenIsTheAgentsOwn() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = TokenCommand.run(
                new String[] {"token", "--agent", "python-expert"},
                config(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertThat(status).isZero();
        assertThat(claimsOf(out.toString(StandardCharsets.UTF_8).strip()))
                .contains("\"sub\":\"python-expert\"")
                .contains("\"agent\"");
    }

    @Test
    void unclearRequestsAreRefusedWithUsage() {
        for (String[] args : new String[][] {
            {"token"},
            {"token", "--agent", "a", "--subject", "b"},
            {"token", "--subject", "ops"},
            {"token", "--agent", "not valid!"},
            {"token", "--subject", "ops", "--role", "wizard"},
            {"token", "--subject", "ops", "--role", "admin", "--lifetime", "forever"},
            {"token", "--agent"}
        }) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status =
                    TokenCommand.run(args, config(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(status).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: token");
        }
    }

    private Config config() {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(
                        Map.of(
                                "marketplace.auth.local-issuer.key-directory",
                                data.resolve("issuer").toString()),
                        "test",
                        100))
                .build();
    }

    private static String claimsOf(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
