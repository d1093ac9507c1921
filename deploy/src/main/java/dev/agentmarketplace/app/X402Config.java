package dev.agentmarketplace.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code marketplace.x402.*}: what hires paid through x402 cost in which token, the facilitator that
 * settles them, and the key that signs settlement receipts. Every key is listed in the README.
 * Unset timing properties take the defaults of the core's {@code PaymentSettings}.
 */
@ConfigMapping(prefix = "marketplace.x402")
public interface X402Config {
    /** CAIP-2 network of the token, e.g. {@code eip155:8453} for Base (default Base Sepolia). */
    Optional<String> network();

    /** The token contract (default USDC on Base Sepolia). */
    Optional<String> asset();

    /** The currency providers must be priced in to be hired through x402 (default USDC). */
    Optional<String> currency();

    /** The token's EIP-712 domain name: the contract's own {@code name()} ("USDC" on Base Sepolia, "USD Coin" on Base). */
    Optional<String> tokenName();

    /** The token's EIP-712 domain version ("2" for USDC). */
    Optional<String> tokenVersion();

    /** The {@code maxTimeoutSeconds} offered to payers (default 300 s). */
    Optional<Duration> maxTimeout();

    Facilitator facilitator();

    Settlement settlement();

    Receipts receipts();

    /** The facilitator: none configured means payments are verified locally and stay PENDING. */
    interface Facilitator {
        /** Base URL of its {@code /verify}, {@code /settle} and {@code /supported}. */
        Optional<URI> url();

        /** A value sent as the {@code Authorization} header, for facilitators that need an API key. */
        Optional<String> authorization();

        @WithDefault("PT5S")
        Duration connectTimeout();

        @WithDefault("PT15S")
        Duration requestTimeout();
    }

    /** The settlement outbox. */
    interface Settlement {
        /** How long one replica owns a settlement it is sending (default 2 minutes). */
        Optional<Duration> lease();

        /** The first retry's delay after an undecided attempt; it doubles up to 5 minutes (default 5 s). */
        Optional<Duration> retryBackoff();

        /**
         * Attempts after which an undecided settlement of an expired authorization is given up, its
         * outcome unknown until an operator reconciles it (default 10).
         */
        OptionalInt maxAttempts();

        /**
         * How long a paid hire may wait PENDING with no facilitator configured before operators see it
         * as stale and may reconcile it by hand (default 1 hour).
         */
        @WithDefault("PT1H")
        Duration staleAfter();

        /** How often each replica looks for settlements due (default 5 s). */
        @WithDefault("5s")
        String interval();
    }

    /** The platform's receipt signing key: a secp256k1 private key, {@code 0x} and 64 hex digits. */
    interface Receipts {
        /** The key itself (production: from a Kubernetes Secret, as an environment variable). */
        Optional<String> signingKey();

        /** Otherwise the file holding it; created on first start when {@link #createKey()} is set. */
        Path signingKeyFile();

        /** Whether a missing key file is created (the local run); production refuses to start instead. */
        @WithDefault("true")
        boolean createKey();
    }
}
