package dev.agentmarketplace.api.metrics;

import dev.agentmarketplace.core.discovery.DiscoveryEvents;
import dev.agentmarketplace.core.ledger.LedgerEvents;
import dev.agentmarketplace.core.ledger.LedgerMove;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.ledger.Transition;
import dev.agentmarketplace.core.ledger.TransitionTable;
import dev.agentmarketplace.core.registry.RegistryEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The market's Prometheus series. Every counter exists from start-up, at zero, for every tag value
 * it can ever have (each legal transition of the lifecycle, each discovery query), so dashboards
 * and alerts never meet a missing series.
 */
public final class MarketMetrics implements RegistryEvents, LedgerEvents, DiscoveryEvents {
    /** The "from" tag of a hire, which enters the lifecycle from no state. */
    static final String NO_STATE = "NONE";

    private final Counter registrations;
    private final Map<String, Counter> transitions = new HashMap<>();
    private final Timer hireToSettlement;
    private final Map<Query, Counter> queries = new EnumMap<>(Query.class);

    public MarketMetrics(MeterRegistry registry) {
        registrations = Counter.builder("marketplace.agent.registrations")
                .description("Agents registered")
                .register(registry);
        transition(registry, NO_STATE, TransactionState.PENDING);
        for (TransactionState from : TransactionState.values()) {
            for (LedgerMove move : LedgerMove.values()) {
                TransitionTable.target(from, move).ifPresent(to -> transition(registry, from.name(), to));
            }
        }
        hireToSettlement = Timer.builder("marketplace.transaction.duration")
                .description("Time from hire to settlement")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        for (Query query : Query.values()) {
            queries.put(
                    query,
                    Counter.builder("marketplace.discovery.searches")
                            .description("Discovery queries answered, by kind")
                            .tag("kind", query.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
    }

    private void transition(MeterRegistry registry, String from, TransactionState to) {
        transitions.computeIfAbsent(
                key(from, to.name()),
                unused -> Counter.builder("marketplace.transactions")
                        .description("Transaction state transitions")
                        .tag("from", from)
                        .tag("to", to.name())
                        .register(registry));
    }

    @Override
    public void agentsRegistered(int count) {
        registrations.increment(count);
    }

    @Override
    public void transactionMoved(Transaction transaction) {
        Transition step = transaction.timeline().getLast();
        String from = step.from().map(TransactionState::name).orElse(NO_STATE);
        Optional.ofNullable(transitions.get(key(from, step.to().name()))).ifPresent(Counter::increment);
        if (step.to() == TransactionState.SETTLED) {
            hireToSettlement.record(Duration.between(transaction.createdAt(), step.at()));
        }
    }

    @Override
    public void queried(Query query) {
        queries.get(query).increment();
    }

    private static String key(String from, String to) {
        return from + ">" + to;
    }
}
