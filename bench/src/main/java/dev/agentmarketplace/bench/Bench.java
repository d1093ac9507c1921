package dev.agentmarketplace.bench;

import dev.agentmarketplace.core.discovery.AgentDiscovery;
import dev.agentmarketplace.core.discovery.DiscoverySettings;
import dev.agentmarketplace.core.discovery.SearchCriteria;
import dev.agentmarketplace.core.discovery.SearchSort;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.reputation.ReputationPolicy;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.discovery.DatabaseSelectionStateStore;
import dev.agentmarketplace.persistence.discovery.ProviderLoadCounters;
import dev.agentmarketplace.persistence.discovery.SqlAgentSearch;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads the database with the given number of agents, then drives the real {@link AgentDiscovery}
 * over the persistence adapters: a warm-up, then bounded loops of searches and recommendations over
 * capabilities drawn from the load's own popularity, each in one transaction as a request would be.
 * Prints one {@code RESULT} line per operation for {@code run.sh}.
 */
public class Bench implements QuarkusApplication {
    @Inject
    SqlAgentSearch search;

    @Inject
    DatabaseSelectionStateStore selectionState;

    @Inject
    TransactionalUnitOfWork transactions;

    @Inject
    ProviderLoadCounters load;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "bench.iterations", defaultValue = "2000")
    int iterations;

    @ConfigProperty(name = "bench.warmup", defaultValue = "300")
    int warmup;

    /** Each measured loop stops early after this long, so a slow size still finishes. */
    @ConfigProperty(name = "bench.budget-seconds", defaultValue = "120")
    int budgetSeconds;

    @Override
    public int run(String... args) throws Exception {
        int agents = Integer.parseInt(args[0]);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long started = System.nanoTime();
        new AgentLoader(now).load(url, agents);
        System.out.printf("LOADED agents=%d seconds=%.1f%n", agents, (System.nanoTime() - started) / 1e9);

        // The market as loaded: a fixed clock keeps heartbeats and load windows where the loader put
        // them, however long loading and measuring take.
        AgentDiscovery discovery = new AgentDiscovery(
                search,
                new BenchHireStatistics(),
                selectionState,
                new SplittableRandom(1)::nextInt,
                ReputationPolicy.DEFAULTS,
                DiscoverySettings.DEFAULTS,
                Clock.fixed(now, ZoneOffset.UTC));
        SplittableRandom draws = new SplittableRandom(7);
        IntConsumer searchOnce = i -> transactions.execute(() -> discovery.search(criteria(i, capability(draws))));
        IntConsumer recommendOnce = i -> transactions.execute(
                () -> discovery.recommend(Capability.of(capability(draws)), 10, false, Optional.of(Currency.USDC)));

        measure(warmup, searchOnce);
        measure(warmup, recommendOnce);
        long[] searches = measure(iterations, searchOnce);
        report(agents, "search", searches);
        // The sorts take turns (call i uses sort i % 3), and the target holds for each of them.
        for (int sort = 0; sort < SORTS.length; sort++) {
            report(agents, "search-" + SORTS[sort], everyThird(searches, sort));
        }
        report(agents, "recommend", measure(iterations, recommendOnce));

        // What issue 13 added to the hire path: the provider's counters, now with the recount of
        // its ranking rows (three statements), for random providers; it changes the market, so last.
        SplittableRandom providers = new SplittableRandom(11);
        report(
                agents,
                "hire-counters",
                measure(
                        iterations,
                        i -> transactions.run(() ->
                                load.hired(AgentId.of("agent-%07d".formatted(providers.nextInt(agents))), now, 1))));
        // The load sweep right after the next whole minute: the agents whose oldest counted minute has
        // just left the window, recounted in steps of the application's size (LoadSweep).
        Instant windowStart = now.truncatedTo(ChronoUnit.MINUTES)
                .plus(Duration.ofMinutes(1))
                .minus(DiscoverySettings.LOAD_WINDOW)
                .plusMillis(1);
        long sweepStarted = System.nanoTime();
        int recounted = 0;
        ProviderLoadCounters.Recount step;
        do {
            step = load.recountOutgrown(windowStart, SWEEP_STEP);
            recounted += step.recounted();
        } while (step.mayHaveMore(SWEEP_STEP));
        System.out.printf(
                "SWEEP agents=%d recounted=%d seconds=%.2f%n",
                agents, recounted, (System.nanoTime() - sweepStarted) / 1e9);
        return 0;
    }

    /** Rows per step of the load sweep, as the application's (LoadSweep.STEP). */
    private static final int SWEEP_STEP = 500;

    /** The sort of search call i is SORTS[i % 3] ({@link #criteria}), named for the report. */
    private static final String[] SORTS = {"reputation", "price", "load"};

    /** A third each of the three sorts; the price sort under a USDC ceiling, as a buyer with a budget asks. */
    private static SearchCriteria criteria(int i, String capability) {
        Set<Capability> anyOf = Set.of(Capability.of(capability));
        Set<Availability> available = EnumSet.of(Availability.ONLINE, Availability.BUSY);
        return switch (i % 3) {
            case 0 -> SearchCriteria.of(anyOf, available, SearchSort.REPUTATION, 20);
            case 1 ->
                new SearchCriteria(
                        anyOf,
                        Optional.of(Money.of("5.00", "USDC")),
                        available,
                        OptionalDouble.empty(),
                        SearchSort.PRICE,
                        Optional.empty(),
                        20);
            default -> SearchCriteria.of(anyOf, available, SearchSort.LOAD, 20);
        };
    }

    private static String capability(SplittableRandom draws) {
        return Capabilities.NAMES.get(Capabilities.POPULARITY.next(draws));
    }

    private long[] measure(int times, IntConsumer operation) {
        long[] nanos = new long[times];
        long deadline = System.nanoTime() + Duration.ofSeconds(budgetSeconds).toNanos();
        int done = 0;
        while (done < times && System.nanoTime() < deadline) {
            long start = System.nanoTime();
            operation.accept(done);
            nanos[done++] = System.nanoTime() - start;
        }
        return Arrays.copyOf(nanos, done);
    }

    /** The times of calls {@code first}, {@code first + 3}, … (one sort's), in call order. */
    private static long[] everyThird(long[] nanos, int first) {
        return IntStream.range(0, nanos.length)
                .filter(i -> i % 3 == first)
                .mapToLong(i -> nanos[i])
                .toArray();
    }

    private static void report(int agents, String operation, long[] measured) {
        if (measured.length == 0) {
            return;
        }
        long[] nanos = measured.clone();
        Arrays.sort(nanos);
        System.out.printf(
                "RESULT agents=%d op=%s n=%d p50=%.2f p99=%.2f max=%.2f%n",
                agents,
                operation,
                nanos.length,
                percentile(nanos, 0.50),
                percentile(nanos, 0.99),
                nanos[nanos.length - 1] / 1e6);
    }

    /** Nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
