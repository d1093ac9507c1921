package dev.agentmarketplace.api.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits at the edge of the API: {@code marketplace.api.*}, every key listed in the README. */
@ConfigMapping(prefix = "marketplace.api")
public interface ApiConfig {
    /** The largest request body accepted; larger ones get 413 before anything reads them. */
    @WithDefault("1048576")
    long maxBodyBytes();

    /** The longest request URI (path and query) accepted; longer ones get 414. */
    @WithDefault("4096")
    int maxUriLength();

    /** The largest header block (names, values and separators) accepted; larger ones get 431. */
    @WithDefault("20480")
    int maxHeaderBytes();

    RateLimit rateLimit();

    Idempotency idempotency();

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Requests one caller may make in any window. */
        @WithDefault("600")
        int requests();

        @WithDefault("PT1M")
        Duration window();
    }

    interface Idempotency {
        /** How long a successful response is replayed for a retry with the same key. */
        @WithDefault("PT24H")
        Duration retention();

        /**
         * How long a retry waits for the first request with its key, still running, to commit or
         * fail before it is answered 409 IDEMPOTENCY_IN_PROGRESS.
         */
        @WithDefault("PT10S")
        Duration inProgressWait();
    }
}
