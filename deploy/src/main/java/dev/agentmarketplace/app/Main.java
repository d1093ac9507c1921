package dev.agentmarketplace.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.eclipse.microprofile.config.ConfigProvider;

/** Starts the platform, or, given {@code token ...}, mints an embedded-issuer token and exits. */
@QuarkusMain
public class Main {
    public static void main(String... args) {
        if (args.length > 0 && TokenCommand.NAME.equals(args[0])) {
            System.exit(TokenCommand.run(args, ConfigProvider.getConfig(), System.out, System.err));
        }
        Quarkus.run(args);
    }
}
