package dev.agentmarketplace.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the platform; given {@code token ...} it mints an embedded-issuer token, given {@code
 * sign-in-link ...} a one-time dashboard sign-in link, and exits.
 */
@QuarkusMain
public class Main {
    public static void main(String... args) {
        if (args.length > 0 && TokenCommand.NAME.equals(args[0])) {
            System.exit(TokenCommand.run(args, ConfigProvider.getConfig(), System.out, System.err));
        }
        if (args.length > 0 && SignInLinkCommand.NAME.equals(args[0])) {
            System.exit(SignInLinkCommand.run(args, ConfigProvider.getConfig(), System.out, System.err));
        }
        Quarkus.run(args);
    }
}
