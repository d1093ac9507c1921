package dev.agentmarketplace.app;

import dev.agentmarketplace.api.security.LocalIssuer;
import dev.agentmarketplace.core.access.RedeemedSignInLinks;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.access.SignInCredentials;
import dev.agentmarketplace.core.access.SignInLink;
import dev.agentmarketplace.core.access.SignInLinks;
import dev.agentmarketplace.core.access.StaffSession;
import dev.agentmarketplace.dashboard.web.DashboardConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.jboss.logging.Logger;

/** Wires the dashboard's sign-in to the embedded issuer, and prints a first sign-in link on a local start. */
public class DashboardWiring {
    private static final Logger LOG = Logger.getLogger(DashboardWiring.class);

    @Produces
    @Singleton
    SignInLinks signInLinks(LocalIssuer issuer, RedeemedSignInLinks redeemed, Clock clock, DashboardConfig config) {
        // The issuer's keys are read on first use, so a production start without the issuer never touches them.
        SignInCredentials credentials = new SignInCredentials() {
            @Override
            public String issueLink(String subject, Set<Role> roles, Duration lifetime) {
                return issuer.signIn().issueLink(subject, roles, lifetime);
            }

            @Override
            public SignInLink read(String presented) {
                return issuer.signIn().read(presented);
            }

            @Override
            public StaffSession openSession(String subject, Set<Role> roles, Duration lifetime) {
                return issuer.signIn().openSession(subject, roles, lifetime);
            }
        };
        return new SignInLinks(credentials, redeemed, clock, config.sessionLifetime());
    }

    /**
     * Prints an admin's sign-in link once the local run has started. Beside the start, not in it: the
     * link is signed with the issuer's key, which a first start creates (an RSA key pair, the slowest
     * step of a first start), and the platform can serve while that happens; a request that needs
     * the key meanwhile waits for it. A link that cannot be issued (a key that can be neither read nor
     * created) stops the platform, as it stopped the start when the start issued it.
     */
    void printFirstLink(@Observes StartupEvent started, LocalIssuer issuer, SignInLinks links, DashboardConfig config) {
        if (LaunchMode.current() == LaunchMode.TEST
                || !issuer.enabled()
                || config.signIn() != DashboardConfig.SignInMode.LINK
                || !config.signInLinkAtStart()) {
            return;
        }
        Thread.ofPlatform().name("sign-in-link").daemon().start(() -> {
            String link;
            try {
                link = links.issue("admin", EnumSet.of(Role.ADMIN, Role.OPERATOR), config.linkLifetime());
            } catch (RuntimeException e) {
                LOG.error("Cannot issue the sign-in link printed at start; the platform stops", e);
                Quarkus.asyncExit(1);
                return;
            }
            // Straight to the console: the log's token redaction would blank the link out.
            System.out.println("Sign in to the dashboard (an admin's one-time link, valid for "
                    + config.linkLifetime().toMinutes() + " minutes):\n  "
                    + SignInLinkCommand.url(config.publicUrl(), link));
        });
    }
}
