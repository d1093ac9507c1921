package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sign-in-link command prints a dashboard address holding a link for staff only. */
class SignInLinkCommandTest {
    @TempDir
    Path data;

    @Test
    void printsTheDashboardsSignInAddressWithALinkForTheSubjectAndRoles() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = SignInLinkCommand.run(
                new String[] {"sign-in-link", "--subject", "olivia", "--role", "operator", "--lifetime", "PT5M"},
                config("https://market.example.org/"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);

        assertThat(status).isZero();
        String url = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(url).startsWith("https://market.example.org/dashboard/sign-in?link=");
        String link = URLDecoder.decode(url.substring(url.indexOf("link=") + 5), StandardCharsets.UTF_8);
        String claims = new String(Base64.getUrlDecoder().decode(link.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims)
                .contains("\"sub\":\"olivia\"")
                .contains("\"sign_in_roles\":[\"operator\"]")
                .contains("\"aud\":\"urn:agent-marketplace:dashboard-sign-in\"")
                // Presented as a bearer token, a link holds no role at all.
                .doesNotContain("\"groups\"");
    }

    @Test
    void withoutOptionsTheLinkSignsInAnAdmin() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = SignInLinkCommand.run(
                new String[] {"sign-in-link"},
                config("http://localhost:8080"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);

        assertThat(status).isZero();
        String url = out.toString(StandardCharsets.UTF_8).strip();
        String link = URLDecoder.decode(url.substring(url.indexOf("link=") + 5), StandardCharsets.UTF_8);
        assertThat(new String(Base64.getUrlDecoder().decode(link.split("\\.")[1]), StandardCharsets.UTF_8))
                .contains("\"sub\":\"admin\"")
                .contains("\"sign_in_roles\":[\"admin\",\"operator\"]");
    }

    @Test
    void linksForAgentsOrUnclearRequestsAreRefusedWithUsage() {
        for (String[] args : new String[][] {
            {"sign-in-link", "--role", "agent"},
            {"sign-in-link", "--role", "wizard"},
            {"sign-in-link", "--subject"},
            {"sign-in-link", "--lifetime", "forever"},
            {"sign-in-link", "--lifetime", "PT0S"},
            {"sign-in-link", "--colour", "blue"}
        }) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = SignInLinkCommand.run(
                    args,
                    config("http://localhost:8080"),
                    System.out,
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(status).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: sign-in-link");
        }
    }

    private Config config(String publicUrl) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(
                        Map.of(
                                "marketplace.auth.local-issuer.key-directory",
                                data.resolve("issuer").toString(),
                                "marketplace.dashboard.public-url",
                                publicUrl),
                        "test",
                        100))
                .build();
    }
}
