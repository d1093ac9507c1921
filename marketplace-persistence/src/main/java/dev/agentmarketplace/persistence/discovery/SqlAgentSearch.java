package dev.agentmarketplace.persistence.discovery;

import dev.agentmarketplace.core.discovery.AgentSearch;
import dev.agentmarketplace.core.discovery.SearchCriteria;
import dev.agentmarketplace.core.discovery.SearchCursor;
import dev.agentmarketplace.core.discovery.SearchHit;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.Metadata;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * {@link AgentSearch} as one keyset query. Capabilities are matched through the {@code
 * agent_capability (capability, agent_id)} index, so only agents offering a requested capability are
 * read; the summary and the minute counters of {@code provider_load} are joined by primary key. The
 * page's capabilities and metadata follow in one query each, never one per agent.
 */
@ApplicationScoped
@Transactional
public class SqlAgentSearch implements AgentSearch {
    private static final String CANDIDATES = "SELECT a.id, a.display_name, a.owner, a.price_amount, a.price_currency,"
            + " a.payout_wallet, a.availability, a.last_seen_at, a.capacity_per_hour, a.registered_at, a.version,"
            + " s.score AS summary_score, s.lower_bound, s.effective_observations, s.as_of,"
            // Agent.effectiveAvailability: OFFLINE once last_seen_at + lease is before now.
            + " CASE WHEN a.last_seen_at < ? THEN 'OFFLINE' ELSE a.availability END AS effective_availability,"
            + " COALESCE(s.score, CAST(? AS DOUBLE PRECISION)) AS sort_score,"
            // Minutes that start inside the window; at most 60 rows through provider_load's primary key.
            + " (SELECT COALESCE(SUM(p.hires), 0) FROM provider_load p"
            + " WHERE p.provider_id = a.id AND p.bucket_start >= ?) AS recent_hires"
            + " FROM agent a LEFT JOIN reputation_summary s ON s.agent_id = a.id"
            + " WHERE a.deregistered_at IS NULL"
            + " AND a.id IN (SELECT c.agent_id FROM agent_capability c WHERE c.capability IN (%s))";

    private static final String LOAD = "CAST(x.recent_hires AS DOUBLE PRECISION) / x.capacity_per_hour";

    @Override
    public List<SearchHit> search(Query query) {
        return Panache.getEntityManager()
                .unwrap(Session.class)
                .doReturningWork(connection -> search(connection, query));
    }

    private static List<SearchHit> search(Connection connection, Query query) throws SQLException {
        SearchCriteria criteria = query.criteria();
        List<Object> parameters = new ArrayList<>();
        parameters.add(Sql.timestamp(query.now().minus(query.heartbeatLease())));
        parameters.add(query.unratedScore());
        parameters.add(Sql.timestamp(
                ProviderLoadCounters.bucketOf(query.loadSince()).equals(query.loadSince())
                        ? query.loadSince()
                        // A window starting inside a minute counts from the next whole minute: the
                        // counters cannot tell which hires of that minute came before its start.
                        : ProviderLoadCounters.bucketOf(query.loadSince()).plusSeconds(60)));
        List<String> capabilities =
                criteria.anyOf().stream().map(Capability::name).sorted().toList();
        parameters.addAll(capabilities);
        StringBuilder sql = new StringBuilder(CANDIDATES.formatted(placeholders(capabilities.size())));
        if (criteria.priceCeiling().isPresent()) {
            Money ceiling = criteria.priceCeiling().get();
            sql.append(" AND a.price_currency = ? AND a.price_amount <= ?");
            parameters.add(ceiling.currency().code());
            parameters.add(ceiling.amount());
        }
        sql.insert(0, "SELECT x.* FROM (").append(") x WHERE x.effective_availability IN (");
        sql.append(placeholders(criteria.availability().size())).append(')');
        criteria.availability().stream().map(Availability::name).sorted().forEach(parameters::add);
        if (criteria.minReputation().isPresent()) {
            sql.append(" AND x.sort_score >= ?");
            parameters.add(criteria.minReputation().getAsDouble());
        }
        criteria.after().ifPresent(cursor -> after(cursor, sql, parameters));
        sql.append(
                switch (criteria.sort()) {
                    case REPUTATION -> " ORDER BY x.sort_score DESC, x.id";
                    case PRICE -> " ORDER BY x.price_currency, x.price_amount, x.id";
                    case LOAD -> " ORDER BY " + LOAD + ", x.id";
                });
        sql.append(" FETCH FIRST ? ROWS ONLY");
        parameters.add(query.limit());

        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            bind(statement, parameters);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(Row.read(result));
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(Row::id).toList();
        Map<String, SortedSet<Capability>> capabilitiesOf = capabilities(connection, ids);
        Map<String, Map<String, String>> metadataOf = metadata(connection, ids);
        return rows.stream()
                .map(row -> row.hit(
                        capabilitiesOf.getOrDefault(row.id(), Collections.emptySortedSet()),
                        metadataOf.getOrDefault(row.id(), Map.of())))
                .toList();
    }

    /** Strictly after the cursor's row in the sort's order; the same comparisons as the ORDER BY. */
    private static void after(SearchCursor cursor, StringBuilder sql, List<Object> parameters) {
        switch (cursor) {
            case SearchCursor.ByReputation byReputation -> {
                sql.append(" AND (x.sort_score < ? OR (x.sort_score = ? AND x.id > ?))");
                parameters.add(byReputation.score());
                parameters.add(byReputation.score());
            }
            case SearchCursor.ByPrice byPrice -> {
                sql.append(" AND (x.price_currency > ? OR (x.price_currency = ? AND (x.price_amount > ?"
                        + " OR (x.price_amount = ? AND x.id > ?))))");
                parameters.add(byPrice.price().currency().code());
                parameters.add(byPrice.price().currency().code());
                parameters.add(byPrice.price().amount());
                parameters.add(byPrice.price().amount());
            }
            case SearchCursor.ByLoad byLoad -> {
                sql.append(" AND (" + LOAD + " > ? OR (" + LOAD + " = ? AND x.id > ?))");
                parameters.add(byLoad.load());
                parameters.add(byLoad.load());
            }
        }
        parameters.add(cursor.after().value());
    }

    private static Map<String, SortedSet<Capability>> capabilities(Connection connection, List<String> ids)
            throws SQLException {
        Map<String, SortedSet<Capability>> byAgent = new HashMap<>();
        String sql = "SELECT agent_id, capability FROM agent_capability WHERE agent_id IN (" + placeholders(ids.size())
                + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, ids);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    byAgent.computeIfAbsent(result.getString(1), id -> new TreeSet<>())
                            .add(Capability.of(result.getString(2)));
                }
            }
        }
        return byAgent;
    }

    private static Map<String, Map<String, String>> metadata(Connection connection, List<String> ids)
            throws SQLException {
        Map<String, Map<String, String>> byAgent = new HashMap<>();
        String sql = "SELECT agent_id, entry_key, entry_value FROM agent_metadata WHERE agent_id IN ("
                + placeholders(ids.size()) + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, ids);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    byAgent.computeIfAbsent(result.getString(1), id -> new LinkedHashMap<>())
                            .put(result.getString(2), result.getString(3));
                }
            }
        }
        return byAgent;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static void bind(PreparedStatement statement, Collection<?> parameters) throws SQLException {
        int index = 1;
        for (Object parameter : parameters) {
            statement.setObject(index++, parameter);
        }
    }

    /** One row of the candidate query, before its capabilities and metadata are attached. */
    private record Row(
            String id,
            String displayName,
            String owner,
            Money price,
            String wallet,
            Availability declared,
            java.time.Instant lastSeenAt,
            int capacity,
            java.time.Instant registeredAt,
            long version,
            Optional<ReputationSummary> summary,
            Availability effective,
            double score,
            long recentHires) {

        static Row read(ResultSet result) throws SQLException {
            String id = result.getString("id");
            double summaryScore = result.getDouble("summary_score");
            Optional<ReputationSummary> summary = result.wasNull()
                    ? Optional.empty()
                    : Optional.of(new ReputationSummary(
                            AgentId.of(id),
                            summaryScore,
                            result.getDouble("lower_bound"),
                            result.getDouble("effective_observations"),
                            Sql.instant(result, "as_of")));
            return new Row(
                    id,
                    result.getString("display_name"),
                    result.getString("owner"),
                    // The column holds 18 decimals; Money brings the amount back to its currency's scale.
                    Money.of(result.getBigDecimal("price_amount"), Currency.of(result.getString("price_currency"))),
                    result.getString("payout_wallet"),
                    Availability.valueOf(result.getString("availability")),
                    Sql.instant(result, "last_seen_at"),
                    result.getInt("capacity_per_hour"),
                    Sql.instant(result, "registered_at"),
                    result.getLong("version"),
                    summary,
                    Availability.valueOf(result.getString("effective_availability")),
                    result.getDouble("sort_score"),
                    result.getLong("recent_hires"));
        }

        SearchHit hit(SortedSet<Capability> capabilities, Map<String, String> metadata) {
            Agent agent = new Agent(
                    AgentId.of(id),
                    displayName,
                    owner,
                    capabilities,
                    price,
                    WalletAddress.of(wallet),
                    declared,
                    lastSeenAt,
                    capacity,
                    Metadata.of(metadata),
                    registeredAt,
                    Optional.empty(),
                    version);
            return new SearchHit(agent, effective, summary, score, recentHires, (double) recentHires / capacity);
        }
    }
}
