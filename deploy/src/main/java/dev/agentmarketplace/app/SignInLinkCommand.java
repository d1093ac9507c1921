package dev.agentmarketplace.app;

import dev.agentmarketplace.api.security.LocalIssuerKeys;
import dev.agentmarketplace.api.security.LocalSignInCredentials;
import dev.agentmarketplace.api.security.LocalTokenIssuer;
import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.access.SignInLinks;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * {@code java -jar quarkus-run.jar sign-in-link ...}: prints a one-time link that signs a staff
 * member in to the dashboard, signed with the embedded issuer's key in the data directory, without
 * starting the platform (which may be running and holding the database). The platform records the
 * link as used when it is redeemed.
 */
final class SignInLinkCommand {
    static final String NAME = "sign-in-link";
    private static final String USAGE = """
            usage: sign-in-link [--subject <name>] [--role operator|admin]... [--lifetime PT15M]
              --subject  who signs in (default: admin)
              --role     operator or admin, repeatable (default: admin and operator)
              --lifetime how long the link may be used, once (default: marketplace.dashboard.link-lifetime, PT15M)""";

    private SignInLinkCommand() {}

    static int run(String[] args, Config config, PrintStream out, PrintStream err) {
        try {
            String subject = "admin";
            Set<Role> roles = EnumSet.noneOf(Role.class);
            Duration lifetime = config.getOptionalValue("marketplace.dashboard.link-lifetime", Duration.class)
                    .orElse(Duration.ofMinutes(15));
            for (int i = 1; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("'" + option + "' needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--subject" -> subject = value;
                    case "--role" ->
                        roles.add(Role.fromClaim(value)
                                .orElseThrow(() -> new IllegalArgumentException("'" + value + "' is not a role")));
                    case "--lifetime" -> lifetime = parseDuration(value);
                    default -> throw new IllegalArgumentException("unknown option '" + option + "'");
                }
            }
            if (roles.isEmpty()) {
                roles = EnumSet.of(Role.ADMIN, Role.OPERATOR);
            }
            Path keys = config.getValue("marketplace.auth.local-issuer.key-directory", Path.class);
            String issuer = config.getOptionalValue("marketplace.auth.local-issuer.issuer", String.class)
                    .orElse("urn:agent-marketplace:local-issuer");
            LocalIssuerKeys issuerKeys = LocalIssuerKeys.loadOrCreate(keys);
            Clock clock = Clock.systemUTC();
            LocalTokenIssuer tokens = new LocalTokenIssuer(issuerKeys, issuer, "sub", lifetime, clock);
            LocalSignInCredentials credentials = new LocalSignInCredentials(issuerKeys, tokens, issuer, clock);
            String publicUrl = config.getOptionalValue("marketplace.dashboard.public-url", String.class)
                    .orElse("http://localhost:8080");
            // Issuing records nothing: the running platform marks the link used when it is redeemed.
            SignInLinks links = new SignInLinks(credentials, (id, expiresAt, at) -> true, clock, Duration.ofHours(8));
            String link = links.issue(subject, roles, lifetime);
            out.println(url(publicUrl, link));
            return 0;
        } catch (DomainException | IllegalArgumentException e) {
            err.println("sign-in-link: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    static String url(String publicUrl, String link) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + "/dashboard/sign-in?link=" + URLEncoder.encode(link, StandardCharsets.UTF_8);
    }

    private static Duration parseDuration(String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--lifetime must be an ISO-8601 duration such as PT15M");
        }
    }
}
