package dev.agentmarketplace.app;

import dev.agentmarketplace.api.http.ApiConfig;
import dev.agentmarketplace.api.metrics.MarketMetrics;
import dev.agentmarketplace.api.security.LocalIssuer;
import dev.agentmarketplace.core.IdGenerator;
import dev.agentmarketplace.core.RandomSource;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.access.AgentClientRepository;
import dev.agentmarketplace.core.access.AgentClients;
import dev.agentmarketplace.core.access.ClientTokenMinter;
import dev.agentmarketplace.core.discovery.AgentDiscovery;
import dev.agentmarketplace.core.discovery.AgentSearch;
import dev.agentmarketplace.core.discovery.DiscoverySettings;
import dev.agentmarketplace.core.discovery.SelectionStateStore;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.dispute.DisputeRepository;
import dev.agentmarketplace.core.dispute.DisputeSettings;
import dev.agentmarketplace.core.idempotency.IdempotencyRecords;
import dev.agentmarketplace.core.idempotency.IdempotencySettings;
import dev.agentmarketplace.core.idempotency.IdempotentRequests;
import dev.agentmarketplace.core.ledger.ExternalSettlement;
import dev.agentmarketplace.core.ledger.HireStatistics;
import dev.agentmarketplace.core.ledger.JournalBook;
import dev.agentmarketplace.core.ledger.JournalRepository;
import dev.agentmarketplace.core.ledger.JournalVerifier;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.LedgerSettings;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.payment.PaymentRepository;
import dev.agentmarketplace.core.ratelimit.RateLimitCounters;
import dev.agentmarketplace.core.ratelimit.RateLimitPolicy;
import dev.agentmarketplace.core.ratelimit.RateLimiter;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.RegistrySettings;
import dev.agentmarketplace.core.reputation.ReputationPolicy;
import dev.agentmarketplace.core.reputation.ReputationRepository;
import dev.agentmarketplace.core.reputation.ReputationService;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Builds the framework-free core services from the adapters that implement their ports. */
public class DomainWiring {

    @Produces
    @Singleton
    Clock clock() {
        // Timestamps are stored to the microsecond (TIMESTAMP(6)); a clock of that precision makes an
        // answer show the instant every later read will show, not one the database then rounds.
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Produces
    @Singleton
    IdGenerator ids() {
        return UUID::randomUUID;
    }

    @Produces
    @Singleton
    RandomSource random() {
        return bound -> ThreadLocalRandom.current().nextInt(bound);
    }

    @Produces
    @Singleton
    RegistrySettings registrySettings(RegistryConfig config) {
        return new RegistrySettings(
                config.heartbeatLease().orElse(RegistrySettings.DEFAULT_HEARTBEAT_LEASE),
                config.maxBatchSize().orElse(RegistrySettings.DEFAULT_MAX_BATCH_SIZE));
    }

    @Produces
    @Singleton
    AgentRegistry agentRegistry(
            AgentRepository agents,
            UnitOfWork unitOfWork,
            Clock clock,
            RegistrySettings settings,
            MarketMetrics metrics) {
        return new AgentRegistry(agents, unitOfWork, clock, settings, metrics);
    }

    @Produces
    @Singleton
    MarketMetrics marketMetrics(MeterRegistry registry) {
        return new MarketMetrics(registry);
    }

    @Produces
    @Singleton
    AgentClients agentClients(AgentClientRepository clients, Clock clock, LocalIssuer issuer) {
        // The issuer's keys are read on first use: a production start without the issuer never touches them.
        return new AgentClients(clients, clock, client -> {
            var minted = issuer.tokens().mintForAgent(client.agent(), client.roles());
            return new ClientTokenMinter.IssuedToken(minted.token(), minted.expiresAt());
        });
    }

    @Produces
    @Singleton
    IdempotentRequests idempotentRequests(
            IdempotencyRecords records, UnitOfWork unitOfWork, Clock clock, ApiConfig config) {
        ApiConfig.Idempotency settings = config.idempotency();
        return new IdempotentRequests(
                records, unitOfWork, clock, new IdempotencySettings(settings.retention(), settings.inProgressWait()));
    }

    @Produces
    @Singleton
    RateLimiter rateLimiter(RateLimitCounters counters, Clock clock, ApiConfig config) {
        ApiConfig.RateLimit settings = config.rateLimit();
        return new RateLimiter(counters, new RateLimitPolicy(settings.requests(), settings.window()), clock);
    }

    /** The ledger judges availability by the registry's lease, so both always agree on who is OFFLINE. */
    @Produces
    @Singleton
    LedgerSettings ledgerSettings(LedgerConfig config, RegistrySettings registry) {
        LedgerSettings defaults = LedgerSettings.DEFAULTS;
        return new LedgerSettings(
                config.feeBasisPoints().orElse(defaults.feeBasisPoints()),
                config.disputeWindow().orElse(defaults.disputeWindow()),
                config.holdTimeout().orElse(defaults.holdTimeout()),
                registry.heartbeatLease());
    }

    @Produces
    @Singleton
    Ledger ledger(
            TransactionRepository transactions,
            JournalRepository journal,
            AgentRepository agents,
            HireStatistics statistics,
            UnitOfWork unitOfWork,
            IdGenerator ids,
            Clock clock,
            LedgerSettings settings,
            MarketMetrics metrics,
            PaymentRepository payments,
            ReputationService reputation) {
        // A hire paid through x402 ends only as its payment's settlement decides.
        ExternalSettlement x402 =
                transaction -> payments.findByTransaction(transaction).isPresent();
        // Every settled hire counts as a success of its provider (issue 11).
        return new Ledger(
                transactions, journal, agents, statistics, unitOfWork, ids, clock, settings, metrics, x402, reputation);
    }

    @Produces
    @Singleton
    TransactionQueries transactionQueries(TransactionRepository transactions, JournalRepository journal) {
        return new TransactionQueries(transactions, journal);
    }

    @Produces
    @Singleton
    JournalVerifier journalVerifier(JournalRepository journal) {
        return new JournalVerifier(journal);
    }

    @Produces
    @Singleton
    JournalBook journalBook(JournalRepository journal, JournalVerifier verifier, UnitOfWork unitOfWork) {
        return new JournalBook(journal, verifier, unitOfWork);
    }

    @Produces
    @Singleton
    ReputationService reputationService(
            ReputationRepository reputations,
            TransactionRepository transactions,
            AgentRepository agents,
            UnitOfWork unitOfWork,
            Clock clock) {
        return new ReputationService(reputations, transactions, agents, unitOfWork, clock, ReputationPolicy.DEFAULTS);
    }

    /** Dispute outcomes feed reputation: a refunded dispute counts as a failure of the provider. */
    @Produces
    @Singleton
    DisputeDesk disputeDesk(
            DisputeRepository disputes,
            Ledger ledger,
            UnitOfWork unitOfWork,
            IdGenerator ids,
            Clock clock,
            DisputeConfig config,
            ReputationService reputation) {
        DisputeSettings settings =
                new DisputeSettings(config.evidenceWindow().orElse(DisputeSettings.DEFAULTS.evidenceWindow()));
        return new DisputeDesk(
                disputes, ledger, unitOfWork, ids, clock, settings, DisputeDesk.defaultRules(), reputation);
    }

    @Produces
    @Singleton
    AgentDiscovery agentDiscovery(
            AgentSearch search,
            HireStatistics statistics,
            SelectionStateStore selectionState,
            RandomSource random,
            Clock clock,
            RegistrySettings registry,
            MarketMetrics metrics) {
        DiscoverySettings defaults = DiscoverySettings.DEFAULTS;
        DiscoverySettings settings = new DiscoverySettings(
                registry.heartbeatLease(),
                defaults.reputationWeight(),
                defaults.priceWeight(),
                defaults.loadWeight(),
                defaults.maxCandidates());
        return new AgentDiscovery(
                search, statistics, selectionState, random, ReputationPolicy.DEFAULTS, settings, clock, metrics);
    }
}
