package dev.agentmarketplace.persistence.discovery;

import dev.agentmarketplace.core.discovery.AgentCatalog;
import dev.agentmarketplace.core.discovery.AgentFilter;
import dev.agentmarketplace.core.discovery.ListedAgent;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentStatus;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.Metadata;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import dev.agentmarketplace.persistence.Sql;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.hibernate.Session;

/**
 * {@link AgentCatalog} as one keyset query in id order that stops at the page's end. With a
 * capability it walks that capability's range of {@code search_ranking}'s primary key
 * (capability, agent_id), whose rows carry every filtered column, deregistered agents included;
 * without one it walks {@code agent}'s primary key, joining the summary by its primary key. The
 * agents and summaries of the page's ids are then read by primary key, and their capabilities and
 * metadata in one query each.
 */
@ApplicationScoped
@Transactional
public class SqlAgentCatalog implements AgentCatalog {
    private static final String COLUMNS = "a.id, a.display_name, a.owner, a.price_amount, a.price_currency,"
            + " a.payout_wallet, a.availability, a.last_seen_at, a.capacity_per_hour, a.registered_at,"
            + " a.deregistered_at, a.version, s.score, s.lower_bound, s.effective_observations, s.as_of";

    @Override
    public List<ListedAgent> list(Query query) {
        return Panache.getEntityManager().unwrap(Session.class).doReturningWork(connection -> list(connection, query));
    }

    private static List<ListedAgent> list(Connection connection, Query query) throws SQLException {
        if (Sql.isPostgres(connection)) {
            // A status or reputation filter can match most agents or almost none; each query is
            // planned for its own values (see SqlAgentSearch).
            SqlAgentSearch.planForTheseParameters(connection);
        }
        Where where = matching(query);
        String sql = "SELECT " + COLUMNS + " FROM (" + where.text + ") m JOIN agent a ON a.id = m.id"
                + " LEFT JOIN reputation_summary s ON s.agent_id = a.id ORDER BY a.id";
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Sql.bind(statement, where.parameters);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(Row.read(result));
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        SqlAgentSearch.Profiles profiles =
                SqlAgentSearch.profiles(connection, rows.stream().map(Row::id).toList());
        return rows.stream()
                .map(row -> row.listed(profiles.capabilitiesOf(row.id()), profiles.metadataOf(row.id()), query))
                .toList();
    }

    /** The ids of the page, in id order: every filter on the columns of the walked table. */
    private static Where matching(Query query) {
        AgentFilter filter = query.filter();
        Where where = new Where();
        boolean ranking = filter.capability().isPresent();
        // t: the table whose columns are filtered; the ranking rows copy the agent's.
        String t = ranking ? "r" : "a";
        String id = ranking ? "r.agent_id" : "a.id";
        if (ranking) {
            where.add(
                    "SELECT r.agent_id AS id FROM search_ranking r WHERE r.capability = ?",
                    filter.capability().get().name());
        } else {
            where.add(
                    filter.minReputation().isPresent()
                            ? "SELECT a.id FROM agent a LEFT JOIN reputation_summary s ON s.agent_id = a.id WHERE 1 = 1"
                            : "SELECT a.id FROM agent a WHERE 1 = 1");
        }
        query.after().ifPresent(after -> where.add(" AND " + id + " > ?", after.value()));
        if (!filter.statuses().isEmpty()) {
            OffsetDateTime cutoff = Sql.timestamp(query.now().minus(query.heartbeatLease()));
            List<String> either = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (AgentStatus status : filter.statuses().stream().sorted().toList()) {
                // AgentStatus.of: deregistered first, then a lapsed lease reads OFFLINE, then the declared state.
                switch (status) {
                    case DEREGISTERED -> either.add(t + ".deregistered_at IS NOT NULL");
                    case OFFLINE -> {
                        either.add(t + ".deregistered_at IS NULL AND (" + t + ".last_seen_at < ? OR " + t
                                + ".availability = 'OFFLINE')");
                        values.add(cutoff);
                    }
                    case ONLINE, BUSY, MAINTENANCE -> {
                        either.add(t + ".deregistered_at IS NULL AND " + t + ".last_seen_at >= ? AND " + t
                                + ".availability = ?");
                        values.add(cutoff);
                        values.add(status.name());
                    }
                }
            }
            where.add(" AND ((" + String.join(") OR (", either) + "))", values.toArray());
        }
        filter.currency().ifPresent(currency -> where.add(" AND " + t + ".price_currency = ?", currency.code()));
        filter.priceCeiling().ifPresent(ceiling -> where.add(" AND " + t + ".price_amount <= ?", ceiling.amount()));
        if (filter.minReputation().isPresent()) {
            double minimum = filter.minReputation().getAsDouble();
            // An unrated agent counts as the prior: -1 in the ranking rows, no summary row otherwise.
            String score = ranking ? "r.score" : "s.score";
            String unrated = ranking ? "r.score = -1" : "s.agent_id IS NULL";
            where.add(
                    query.unratedScore() >= minimum
                            ? " AND (" + score + " >= ? OR " + unrated + ")"
                            : " AND " + score + " >= ?",
                    minimum);
        }
        where.add(" ORDER BY " + id + " FETCH FIRST ? ROWS ONLY", query.limit());
        return where;
    }

    /** SQL text and its parameters, built together so they cannot drift apart. */
    private static final class Where {
        private final StringBuilder text = new StringBuilder();
        private final List<Object> parameters = new ArrayList<>();

        void add(String part, Object... values) {
            text.append(part);
            parameters.addAll(List.of(values));
        }
    }

    private record Row(
            String id,
            String displayName,
            String owner,
            Money price,
            String wallet,
            Availability declared,
            Instant lastSeenAt,
            int capacity,
            Instant registeredAt,
            Optional<Instant> deregisteredAt,
            long version,
            Optional<ReputationSummary> summary) {

        static Row read(ResultSet result) throws SQLException {
            String id = result.getString("id");
            double score = result.getDouble("score");
            Optional<ReputationSummary> summary = result.wasNull()
                    ? Optional.empty()
                    : Optional.of(new ReputationSummary(
                            AgentId.of(id),
                            score,
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
                    Optional.ofNullable(Sql.instant(result, "deregistered_at")),
                    result.getLong("version"),
                    summary);
        }

        ListedAgent listed(SortedSet<Capability> capabilities, Map<String, String> metadata, Query query) {
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
                    deregisteredAt,
                    version);
            return new ListedAgent(agent, AgentStatus.of(agent, query.now(), query.heartbeatLease()), summary);
        }
    }
}
