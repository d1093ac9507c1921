package dev.agentmarketplace.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Fills a migrated benchmark database with {@code n} agents through COPY: 1 to 5 capabilities each
 * drawn from {@link Capabilities#POPULARITY}, prices mostly in USDC, most agents online and seen within
 * the lease, reputation summaries for most and some hires in the last hour. Seeded, so every run
 * loads the same market.
 */
final class AgentLoader {
    private static final int CHUNK = 50_000;
    private static final String[] CURRENCIES = {
        "USDC", "USDC", "USDC", "USDC", "USDC", "USDC", "USDC", "USD", "EUR", "EURC"
    };

    private final Instant now;
    private final SplittableRandom random = new SplittableRandom(42);

    AgentLoader(Instant now) {
        this.now = now;
    }

    void load(String url, int agents) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, BenchMain.USER, "")) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try (Statement statement = connection.createStatement()) {
                // Generated rows are consistent by construction; skipping the per-row foreign-key
                // triggers is what makes a million agents load in minutes (session-only, superuser).
                statement.execute("SET session_replication_role = replica");
            }
            for (int from = 0; from < agents; from += CHUNK) {
                chunk(copy, from, Math.min(agents, from + CHUNK));
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET session_replication_role = origin");
                // Search's ranking rows are derived from the tables just loaded, exactly as V7's
                // backfill derives them, so they agree with what the registry would have written;
                // their load columns (V15) as the hires would have left them: the hour before the
                // load's instant, the window of the benchmark's fixed clock.
                statement.execute("INSERT INTO search_ranking (capability, agent_id, score, lower_bound, availability,"
                        + " last_seen_at, deregistered_at, price_currency, price_amount, capacity_per_hour,"
                        + " recent_hires, load, load_oldest_minute)"
                        + " SELECT c.capability, a.id, COALESCE(s.score, -1), s.lower_bound, a.availability,"
                        + " a.last_seen_at,"
                        + " a.deregistered_at, a.price_currency, a.price_amount, a.capacity_per_hour,"
                        + " COALESCE(l.hires, 0), CAST(COALESCE(l.hires, 0) AS DOUBLE PRECISION) / a.capacity_per_hour,"
                        + " l.oldest"
                        + " FROM agent a JOIN agent_capability c ON c.agent_id = a.id"
                        + " LEFT JOIN reputation_summary s ON s.agent_id = a.id"
                        + " LEFT JOIN (SELECT provider_id, SUM(hires) AS hires, MIN(bucket_start) AS oldest"
                        + " FROM provider_load WHERE bucket_start >= TIMESTAMPTZ '" + now.minus(Duration.ofHours(1))
                        + "' AND hires > 0 GROUP BY provider_id) l ON l.provider_id = a.id");
                statement.execute("ANALYZE");
            }
        }
    }

    private void chunk(CopyManager copy, int from, int to) throws SQLException {
        StringBuilder agentRows = new StringBuilder();
        StringBuilder capabilityRows = new StringBuilder();
        StringBuilder metadataRows = new StringBuilder();
        StringBuilder summaryRows = new StringBuilder();
        StringBuilder loadRows = new StringBuilder();
        for (int i = from; i < to; i++) {
            String id = "agent-%07d".formatted(i);
            agentRows.append(agentRow(id, i));
            BitSet chosen = new BitSet(Capabilities.COUNT);
            int count = 1 + random.nextInt(5);
            while (chosen.cardinality() < count) {
                chosen.set(Capabilities.POPULARITY.next(random));
            }
            chosen.stream()
                    .forEach(rank -> capabilityRows
                            .append(id)
                            .append('\t')
                            .append(Capabilities.NAMES.get(rank))
                            .append('\n'));
            if (random.nextInt(2) == 0) {
                metadataRows
                        .append(id)
                        .append("\tregion\t")
                        .append(random.nextBoolean() ? "eu" : "us")
                        .append('\n');
            }
            if (random.nextInt(100) < 85) {
                double observations = random.nextDouble() * 200;
                double score = Math.round((1 + random.nextDouble() * 4) * 1000) / 1000.0;
                double lowerBound = Math.max(0, score - 1.96 * 0.9 / Math.sqrt(5 + observations));
                summaryRows
                        .append(id)
                        .append('\t')
                        .append(score)
                        .append('\t')
                        .append(lowerBound)
                        .append('\t')
                        .append(observations)
                        .append('\t')
                        .append(now.minus(Duration.ofHours(random.nextInt(240))))
                        .append('\n');
            }
            if (random.nextInt(100) < 30) {
                Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
                BitSet minutes = new BitSet(60);
                int buckets = 1 + random.nextInt(3);
                while (minutes.cardinality() < buckets) {
                    minutes.set(random.nextInt(60));
                }
                minutes.stream()
                        .forEach(ago -> loadRows.append(id)
                                .append('\t')
                                .append(minute.minus(Duration.ofMinutes(ago)))
                                .append('\t')
                                .append(1 + random.nextInt(5))
                                .append('\n'));
            }
        }
        copyIn(
                copy,
                "agent (id, display_name, owner, price_amount, price_currency, payout_wallet, availability,"
                        + " last_seen_at, capacity_per_hour, registered_at, version, deregistered_at)",
                agentRows);
        copyIn(copy, "agent_capability (agent_id, capability)", capabilityRows);
        copyIn(copy, "agent_metadata (agent_id, entry_key, entry_value)", metadataRows);
        copyIn(copy, "reputation_summary (agent_id, score, lower_bound, effective_observations, as_of)", summaryRows);
        copyIn(copy, "provider_load (provider_id, bucket_start, hires)", loadRows);
    }

    private String agentRow(String id, int i) {
        int state = random.nextInt(100);
        String availability = state < 70 ? "ONLINE" : state < 85 ? "BUSY" : state < 95 ? "OFFLINE" : "MAINTENANCE";
        // 8% have let their heartbeat lapse (90 s), so they are effectively offline whatever they declared.
        Instant lastSeen = random.nextInt(100) < 8
                ? now.minus(Duration.ofMinutes(2 + random.nextInt(10_000)))
                : now.minusSeconds(random.nextInt(60));
        String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        // Log-uniform between 0.01 and 100: many cheap agents, a few dear ones.
        double price = Math.pow(10, -2 + random.nextDouble() * 4);
        String amount = "%.2f".formatted(Math.max(0.01, price));
        String deregistered =
                random.nextInt(100) < 2 ? now.minus(Duration.ofDays(1)).toString() : "\\N";
        String wallet = "0x%040x".formatted(new java.math.BigInteger(160, new java.util.Random(i)));
        return id + '\t' + "Agent " + i + '\t' + "owner-" + (i % 5000) + '\t' + amount + '\t' + currency + '\t'
                + wallet + '\t' + availability + '\t' + lastSeen + '\t' + (1 + random.nextInt(100)) + '\t'
                + now.minus(Duration.ofDays(30)) + '\t' + 0 + '\t' + deregistered + '\n';
    }

    private static void copyIn(CopyManager copy, String table, StringBuilder rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try {
            copy.copyIn("COPY " + table + " FROM STDIN", new StringReader(rows.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY into " + table + " failed", e);
        }
    }
}
