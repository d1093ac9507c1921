package dev.agentmarketplace.app;

import dev.agentmarketplace.api.security.LocalIssuerKeys;
import dev.agentmarketplace.api.security.LocalTokenIssuer;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.registry.AgentId;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * {@code java -jar quarkus-run.jar token ...}: mints a token of the embedded issuer from the command
 * line, with the key in the data directory, without starting the platform. This is how the first
 * admin gets a token; everything after that can go through the admin API.
 */
final class TokenCommand {
    static final String NAME = "token";
    private static final String USAGE = """
            usage: token (--agent <agent-id> | --subject <name>) [--role agent|operator|admin]... [--lifetime P30D]
              --agent    a token acting as this agent (role agent is implied)
              --subject  a token for a person or service without an agent (give it --role operator or admin)
            The key is read from (or created in) marketplace.auth.local-issuer.key-directory.""";

    private TokenCommand() {}

    static int run(String[] args, Config config, PrintStream out, PrintStream err) {
        try {
            Request request = Request.parse(args);
            Path keys = config.getValue("marketplace.auth.local-issuer.key-directory", Path.class);
            String issuer = config.getOptionalValue("marketplace.auth.local-issuer.issuer", String.class)
                    .orElse("urn:agent-marketplace:local-issuer");
            String agentIdClaim = config.getOptionalValue("marketplace.auth.agent-id-claim", String.class)
                    .orElse("sub");
            Duration lifetime = request.lifetime.orElseGet(
                    () -> config.getOptionalValue("marketplace.auth.local-issuer.token-lifetime", Duration.class)
                            .orElse(Duration.ofDays(30)));
            LocalTokenIssuer tokens = new LocalTokenIssuer(
                    LocalIssuerKeys.loadOrCreate(keys), issuer, agentIdClaim, lifetime, Clock.systemUTC());
            out.println(
                    tokens.mint(request.subject, request.agent, request.roles).token());
            return 0;
        } catch (InvalidValueException | IllegalArgumentException e) {
            err.println("token: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    private record Request(String subject, Optional<AgentId> agent, Set<Role> roles, Optional<Duration> lifetime) {
        static Request parse(String[] args) {
            Optional<AgentId> agent = Optional.empty();
            String subject = null;
            Set<Role> roles = EnumSet.noneOf(Role.class);
            Optional<Duration> lifetime = Optional.empty();
            for (int i = 1; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("'" + option + "' needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--agent" -> agent = Optional.of(AgentId.of(value));
                    case "--subject" -> subject = value;
                    case "--role" ->
                        roles.add(Role.fromClaim(value)
                                .orElseThrow(() -> new IllegalArgumentException("'" + value + "' is not a role")));
                    case "--lifetime" -> lifetime = Optional.of(parseDuration(value));
                    default -> throw new IllegalArgumentException("unknown option '" + option + "'");
                }
            }
            if (agent.isPresent() == (subject != null)) {
                throw new IllegalArgumentException("give exactly one of --agent and --subject");
            }
            if (agent.isPresent()) {
                roles.add(Role.AGENT);
                return new Request(agent.get().value(), agent, roles, lifetime);
            }
            if (roles.isEmpty() || roles.contains(Role.AGENT)) {
                throw new IllegalArgumentException(
                        "a --subject token needs --role operator or admin, and no agent role");
            }
            return new Request(subject, agent, roles, lifetime);
        }

        private static Duration parseDuration(String value) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--lifetime must be an ISO-8601 duration such as P30D or PT12H");
            }
        }
    }
}
