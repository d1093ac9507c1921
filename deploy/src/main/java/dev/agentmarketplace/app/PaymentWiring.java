package dev.agentmarketplace.app;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.JournalRepository;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.payment.Facilitator;
import dev.agentmarketplace.core.payment.PaidHiring;
import dev.agentmarketplace.core.payment.PaymentRepository;
import dev.agentmarketplace.core.payment.PaymentSettings;
import dev.agentmarketplace.core.payment.PaymentVerifier;
import dev.agentmarketplace.core.payment.ReceiptSigner;
import dev.agentmarketplace.core.payment.SettlementExports;
import dev.agentmarketplace.core.payment.SettlementOutbox;
import dev.agentmarketplace.core.payment.SettlementReceipts;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.evm.PrivateKeySigner;
import dev.agentmarketplace.x402.facilitator.AuthorizationHeader;
import dev.agentmarketplace.x402.facilitator.FacilitatorConfig;
import dev.agentmarketplace.x402.facilitator.HttpFacilitatorClient;
import dev.agentmarketplace.x402.facilitator.X402Facilitator;
import dev.agentmarketplace.x402.receipt.Eip712ReceiptSigner;
import dev.agentmarketplace.x402.receipt.PlatformExportVerifier;
import dev.agentmarketplace.x402.receipt.ReceiptExport;
import dev.agentmarketplace.x402.receipt.SigningKeys;
import dev.agentmarketplace.x402.server.X402PaymentVerifier;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Builds the x402 side of the core (paid hires, settlement, receipts) from {@code marketplace.x402.*}. */
public class PaymentWiring {
    private static final Logger LOG = Logger.getLogger(PaymentWiring.class);

    @Produces
    @Singleton
    PaymentSettings paymentSettings(X402Config config) {
        PaymentSettings defaults = PaymentSettings.DEFAULTS;
        X402Config.Settlement settlement = config.settlement();
        return new PaymentSettings(
                config.network().orElse(defaults.network()),
                config.asset()
                        .map(asset -> WalletAddress.of(asset, "marketplace.x402.asset"))
                        .orElse(defaults.asset()),
                config.currency().map(Currency::of).orElse(defaults.currency()),
                config.tokenName().orElse(defaults.tokenName()),
                config.tokenVersion().orElse(defaults.tokenVersion()),
                config.maxTimeout().orElse(defaults.maxTimeout()),
                settlement.lease().orElse(defaults.settlementLease()),
                settlement.retryBackoff().orElse(defaults.retryBackoff()),
                settlement.maxAttempts().orElse(defaults.maxAttempts()));
    }

    @Produces
    @Singleton
    PaymentVerifier paymentVerifier() {
        return new X402PaymentVerifier();
    }

    @Produces
    @Singleton
    @Startup
    Facilitator facilitator(X402Config config) {
        X402Config.Facilitator facilitator = config.facilitator();
        if (facilitator.url().isEmpty()) {
            LOG.info("No x402 facilitator configured (marketplace.x402.facilitator.url): payments are verified"
                    + " locally and their settlement stays PENDING until one is");
            return Facilitator.NONE;
        }
        // No retries within a call: X402Facilitator tries once, the outbox retries settlements.
        FacilitatorConfig client = FacilitatorConfig.of(facilitator.url().get())
                .withTimeouts(facilitator.connectTimeout(), facilitator.requestTimeout());
        if (facilitator.authorization().isPresent()) {
            String value = facilitator.authorization().get();
            client = client.withAuthorization(new AuthorizationHeader("Authorization", (method, uri) -> value));
        }
        LOG.infof("x402 facilitator: %s", facilitator.url().get());
        return new X402Facilitator(new HttpFacilitatorClient(client));
    }

    /**
     * The platform's receipt signing key: given directly (a Kubernetes Secret), or read from its
     * file, created there on first start where that is allowed (the local run).
     */
    // At start, so a production replica without its key (or with a malformed one) does not start at all.
    @Produces
    @Singleton
    @Startup
    PrivateKeySigner receiptKey(X402Config config) {
        X402Config.Receipts receipts = config.receipts();
        PrivateKeySigner key;
        if (receipts.signingKey().isPresent()) {
            key = SigningKeys.fromString(receipts.signingKey().get());
        } else {
            key = receipts.createKey()
                    ? SigningKeys.loadOrCreate(receipts.signingKeyFile())
                    : SigningKeys.load(receipts.signingKeyFile());
        }
        LOG.infof("Settlement receipts are signed by %s", key.address());
        return key;
    }

    @Produces
    @Singleton
    ReceiptSigner receiptSigner(PrivateKeySigner key) {
        return new Eip712ReceiptSigner(key);
    }

    @Produces
    @Singleton
    ReceiptExport receiptExport(PrivateKeySigner key, Clock clock) {
        return new ReceiptExport(key, clock);
    }

    @Produces
    @Singleton
    SettlementReceipts settlementReceipts(
            TransactionRepository transactions,
            TransactionQueries queries,
            JournalRepository journal,
            PaymentRepository payments,
            UnitOfWork unitOfWork,
            ReceiptSigner signer) {
        return new SettlementReceipts(transactions, queries, journal, payments, unitOfWork, signer);
    }

    @Produces
    @Singleton
    SettlementOutbox settlementOutbox(
            PaymentRepository payments,
            Ledger ledger,
            Facilitator facilitator,
            UnitOfWork unitOfWork,
            Clock clock,
            X402Config config) {
        return new SettlementOutbox(
                payments,
                ledger,
                facilitator,
                unitOfWork,
                clock,
                config.settlement().staleAfter());
    }

    /** Uploaded exports verify only against this platform's own receipt key. */
    @Produces
    @Singleton
    SettlementExports settlementExports(PrivateKeySigner key, SettlementReceipts receipts, ReceiptExport export) {
        return new SettlementExports(
                receipts,
                (out, description, source) -> export.write(out, Optional.of(description), source::accept),
                new PlatformExportVerifier(WalletAddress.of(key.address().value(), "signer")));
    }

    @Produces
    @Singleton
    PaidHiring paidHiring(
            Ledger ledger,
            AgentRepository agents,
            TransactionRepository transactions,
            PaymentRepository payments,
            PaymentVerifier verifier,
            Facilitator facilitator,
            UnitOfWork unitOfWork,
            Clock clock,
            PaymentSettings settings) {
        return new PaidHiring(
                ledger, agents, transactions, payments, verifier, facilitator, unitOfWork, clock, settings);
    }
}
