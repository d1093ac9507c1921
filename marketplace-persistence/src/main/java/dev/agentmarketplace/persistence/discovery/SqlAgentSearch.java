package dev.agentmarketplace.persistence.discovery;

import dev.agentmarketplace.core.discovery.AgentSearch;
import dev.agentmarketplace.core.discovery.Candidate;
import dev.agentmarketplace.core.discovery.DiscoverySettings;
import dev.agentmarketplace.core.discovery.SearchCriteria;
import dev.agentmarketplace.core.discovery.SearchCursor;
import dev.agentmarketplace.core.discovery.SearchHit;
import dev.agentmarketplace.core.discovery.SearchSort;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * {@link AgentSearch} as one keyset query. One capability is read from {@code search_ranking}
 * (kept by {@link SearchRanking} and {@link ProviderLoadCounters}); several are matched through the
 * {@code agent_capability (capability, agent_id)} index, so only agents offering a requested
 * capability are read, except by LOAD, which walks each capability's ranking rows. The summary is
 * joined by primary key. An agent's recent hires are the count on its ranking rows, recounted by
 * every hire and cancel and by the load sweep once a minute leaves the window (so a minute may
 * still count until the sweep has run: see the module's README); a search over a window of
 * another length sums provider_load's minute counters through their primary key. The page's
 * capabilities and metadata follow in one query each, never one per agent.
 */
@ApplicationScoped
@Transactional
public class SqlAgentSearch implements AgentSearch {
    private static final String COLUMNS = "a.id, a.display_name, a.owner, a.price_amount, a.price_currency,"
            + " a.payout_wallet, a.availability, a.last_seen_at, a.capacity_per_hour, a.registered_at, a.version,"
            + " s.score AS summary_score, s.lower_bound, s.effective_observations, s.as_of,"
            // Agent.effectiveAvailability: OFFLINE once last_seen_at + lease is before now.
            + " CASE WHEN a.last_seen_at < ? THEN 'OFFLINE' ELSE a.availability END AS effective_availability, ";

    /** Minutes that start inside the window: at most 60 rows through provider_load's primary key. */
    private static final String COUNTED_HIRES = "(SELECT COALESCE(SUM(p.hires), 0) FROM provider_load p"
            + " WHERE p.provider_id = y.id AND p.bucket_start >= ?)";

    /**
     * The count the hires and the load sweep keep on an agent's ranking rows ({@link
     * ProviderLoadCounters}), all alike, read through {@code search_ranking_by_agent} when the search
     * does not read a ranking row anyway (several capabilities).
     */
    private static final String STORED_HIRES =
            "(SELECT COALESCE(MAX(k.recent_hires), 0) FROM search_ranking k WHERE k.agent_id = y.id)";

    private static final String LOAD = "CAST(x.recent_hires AS DOUBLE PRECISION) / x.capacity_per_hour";

    /** The ranking row's own columns, all a {@link Candidate} needs (one capability only). */
    private static final String LEAN_COLUMNS = "r.agent_id AS id, r.price_amount, r.price_currency,"
            + " r.capacity_per_hour, r.lower_bound,"
            + " CASE WHEN r.last_seen_at < ? THEN 'OFFLINE' ELSE r.availability END AS effective_availability, ";

    /** What a query reads of each agent: all of it, or what ranking needs. */
    private enum Shape {
        WHOLE,
        LEAN
    }

    @Override
    public List<SearchHit> search(Query query) {
        return Panache.getEntityManager()
                .unwrap(Session.class)
                .doReturningWork(connection -> search(connection, query));
    }

    /**
     * The rows in the sort's order, each sort shaped so that an index yields its rows already
     * ordered and the database stops after {@code limit} of them. For one capability REPUTATION and
     * PRICE walk that capability's range of a {@code search_ranking} index (by score, unrated agents
     * by id; by price). For several, REPUTATION walks the summaries by score and PRICE the agents by
     * price, probing {@code agent_capability}'s primary key, or the database starts from {@code
     * agent_capability (capability, agent_id)} where the capabilities are rare. LOAD walks each
     * capability's range of {@code search_ranking_by_load} ({@link #byStoredLoad}). Recent hires are
     * the ranking rows' count; only a window of another length is counted from provider_load, for
     * the rows returned (and, by LOAD, for every match, which is then sorted).
     */
    private static List<SearchHit> search(Connection connection, Query query) throws SQLException {
        SearchCriteria criteria = query.criteria();
        if (Sql.isPostgres(connection)) {
            planForTheseParameters(connection);
        }
        List<Row> rows = switch (criteria.sort()) {
            case REPUTATION -> byReputation(connection, query, Shape.WHOLE);
            case PRICE ->
                fetch(
                        connection,
                        query,
                        Shape.WHOLE,
                        byPrice(query),
                        new Statement(),
                        " ORDER BY x.price_currency, x.price_amount, x.id");
            case LOAD -> {
                if (storedLoadHolds(query)) {
                    yield byStoredLoad(connection, query);
                }
                // A window longer than the stored one: every match counted and sorted.
                Statement outer = new Statement();
                if (criteria.after().orElse(null) instanceof SearchCursor.ByLoad byLoad) {
                    outer.append(
                            " WHERE (" + LOAD + " > ? OR (" + LOAD + " = ? AND x.id > ?))",
                            byLoad.load(),
                            byLoad.load(),
                            byLoad.after().value());
                }
                outer.append(" ORDER BY " + LOAD + ", x.id FETCH FIRST ? ROWS ONLY", query.limit());
                yield fetch(
                        connection,
                        query,
                        Shape.WHOLE,
                        part(
                                query,
                                Shape.WHOLE,
                                "COALESCE(s.score, CAST(? AS DOUBLE PRECISION))",
                                List.of(query.unratedScore())),
                        outer,
                        "");
            }
        };
        return hits(connection, rows);
    }

    /** The rows as hits, their capabilities and metadata read in one query each. */
    private static List<SearchHit> hits(Connection connection, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        Profiles profiles = profiles(connection, rows.stream().map(Row::id).toList());
        return rows.stream()
                .map(row -> row.hit(profiles.capabilitiesOf(row.id()), profiles.metadataOf(row.id())))
                .toList();
    }

    /**
     * For one capability, by REPUTATION (every recommend): the same walks as {@link #search}, reading
     * the ranking rows alone, which carry every value ranking needs (issue 13); otherwise the
     * search's hits, cut down.
     */
    @Override
    public List<Candidate> candidates(Query query) {
        if (Columns.of(query) != Columns.RANKING
                || query.criteria().sort() != SearchSort.REPUTATION
                || !storedLoadHolds(query)) {
            return AgentSearch.super.candidates(query);
        }
        return Panache.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            if (Sql.isPostgres(connection)) {
                planForTheseParameters(connection);
            }
            return byReputation(connection, query, Shape.LEAN).stream()
                    .map(Row::candidate)
                    .toList();
        });
    }

    /** One query by primary key under the search's filters (no cursor, no limit), then the capabilities and metadata. */
    @Override
    public List<SearchHit> hitsOf(List<AgentId> agents, Query query) {
        if (agents.isEmpty()) {
            return List.of();
        }
        List<String> ids = agents.stream().map(AgentId::value).distinct().toList();
        return Panache.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            Statement part = part(
                            query,
                            Shape.WHOLE,
                            "COALESCE(s.score, CAST(? AS DOUBLE PRECISION))",
                            List.of(query.unratedScore()))
                    .append(
                            " AND " + Columns.of(query).id() + " IN (" + Sql.placeholders(ids.size()) + ")",
                            ids.toArray());
            Map<String, SearchHit> found = new HashMap<>();
            for (SearchHit hit : hits(connection, fetch(connection, query, Shape.WHOLE, part, new Statement(), ""))) {
                found.put(hit.agent().id().value(), hit);
            }
            return ids.stream().filter(found::containsKey).map(found::get).toList();
        });
    }

    /**
     * Which walk is fast depends on the capability: an index walk in sort order for a popular one, the
     * capability index and a sort of a few rows for a rare one. A generic plan of a prepared statement
     * (PostgreSQL's default after five executions) cannot know which, so every search is planned for
     * its own parameters. JIT compilation would cost more than these short queries take. Both settings
     * end with the transaction.
     */
    static void planForTheseParameters(Connection connection) throws SQLException {
        try (java.sql.Statement statement = connection.createStatement()) {
            // One round trip for both (a simple query may hold several statements).
            statement.execute("SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL jit = off");
        }
    }

    /**
     * Whether the ranking rows' counts answer this search: they count the {@link
     * DiscoverySettings#LOAD_WINDOW} (as of their last recount), the window discovery always asks
     * for. A window of another length is counted from provider_load, row by row.
     */
    private static boolean storedLoadHolds(Query query) {
        return query.loadSince().equals(query.now().minus(DiscoverySettings.LOAD_WINDOW));
    }

    /**
     * Least loaded first: each capability's range of {@code search_ranking_by_load}, walked in
     * {@code (load, agent_id)} order from the cursor, stopping at the page's end. For several
     * capabilities the walks are merged, an agent offering several of them kept once: each
     * capability's first {@code limit} rows hold every agent of the first {@code limit} overall, as
     * an agent's load is the same on all its rows.
     */
    private static List<Row> byStoredLoad(Connection connection, Query query) throws SQLException {
        SearchCriteria criteria = query.criteria();
        Optional<SearchCursor.ByLoad> cursor = criteria.after().map(SearchCursor.ByLoad.class::cast);
        Map<String, Row> merged = new HashMap<>();
        for (Capability capability : new TreeSet<>(criteria.anyOf())) {
            Query one = new Query(
                    new SearchCriteria(
                            Set.of(capability),
                            criteria.priceCeiling(),
                            criteria.currency(),
                            criteria.availability(),
                            criteria.minReputation(),
                            criteria.sort(),
                            criteria.after(),
                            criteria.limit()),
                    query.now(),
                    query.heartbeatLease(),
                    query.loadSince(),
                    query.unratedScore(),
                    query.limit());
            Statement walk = part(
                    one, Shape.WHOLE, "COALESCE(s.score, CAST(? AS DOUBLE PRECISION))", List.of(query.unratedScore()));
            cursor.ifPresent(after -> walk.append(
                    // The plain bound is redundant but lets the index walk start at the cursor.
                    " AND r.load >= ? AND (r.load > ? OR (r.load = ? AND r.agent_id > ?))",
                    after.load(),
                    after.load(),
                    after.load(),
                    after.after().value()));
            walk.append(" ORDER BY r.load, r.agent_id FETCH FIRST ? ROWS ONLY", query.limit());
            for (Row row : fetch(connection, one, Shape.WHOLE, walk, new Statement(), "")) {
                merged.putIfAbsent(row.id(), row);
            }
        }
        return merged.values().stream()
                .sorted(Comparator.comparingDouble(Row::load).thenComparing(Row::id))
                .limit(query.limit())
                .toList();
    }

    /** Runs {@code inner} with each row's recent hires, then {@code outer} and {@code order} on the result. */
    private static List<Row> fetch(
            Connection connection, Query query, Shape shape, Statement inner, Statement outer, String order)
            throws SQLException {
        Statement sql = new Statement().append("SELECT x.* FROM (SELECT y.*, ");
        if (!storedLoadHolds(query)) {
            sql.append(COUNTED_HIRES, countedFrom(query.loadSince()));
        } else if (Columns.of(query) == Columns.RANKING) {
            sql.append("y.stored_hires");
        } else {
            sql.append(STORED_HIRES);
        }
        sql.append(" AS recent_hires")
                .append(" FROM (")
                .append(inner)
                .append(") y) x")
                .append(outer)
                .append(order);
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
            Sql.bind(statement, sql.parameters());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(shape == Shape.WHOLE ? Row.read(result) : Row.readLean(result));
                }
            }
        }
        return rows;
    }

    /**
     * Highest score first, an unrated agent counting as the prior: rated agents above the prior, then
     * unrated agents and agents rated exactly the prior (by id), then rated agents below it. Each
     * step follows an index in its own order and stops at what the page still needs, and a step
     * runs only when the ones before it did not fill the page; so a popular capability's first
     * page reads a few hundred index entries, never every agent offering it.
     */
    private static List<Row> byReputation(Connection connection, Query query, Shape shape) throws SQLException {
        double prior = query.unratedScore();
        SearchCriteria criteria = query.criteria();
        Optional<SearchCursor.ByReputation> cursor = criteria.after().map(SearchCursor.ByReputation.class::cast);
        double cursorScore = cursor.map(SearchCursor.ByReputation::score).orElse(Double.POSITIVE_INFINITY);
        List<Row> rows = new ArrayList<>();
        if (cursorScore > prior) {
            rows.addAll(rated(connection, query, shape, " > ?", cursor.filter(c -> c.score() > prior), query.limit()));
        }
        int missing = query.limit() - rows.size();
        if (missing > 0 && criteria.minReputation().orElse(0) <= prior && cursorScore >= prior) {
            Optional<String> after =
                    cursor.filter(c -> c.score() == prior).map(c -> c.after().value());
            List<Row> atPrior = new ArrayList<>();
            Columns on = Columns.of(query);
            atPrior.addAll(atPrior(connection, query, shape, on.unrated(), List.of(), after, missing));
            atPrior.addAll(atPrior(connection, query, shape, on.score() + " = ?", List.of(prior), after, missing));
            atPrior.sort(Comparator.comparing(Row::id));
            rows.addAll(atPrior.subList(0, Math.min(missing, atPrior.size())));
        }
        missing = query.limit() - rows.size();
        if (missing > 0) {
            rows.addAll(rated(connection, query, shape, " < ?", cursor.filter(c -> c.score() < prior), missing));
        }
        return rows;
    }

    /** Rated agents in {@code band} (relative to the prior), by score then id, after {@code cursor}. */
    private static List<Row> rated(
            Connection connection,
            Query query,
            Shape shape,
            String band,
            Optional<SearchCursor.ByReputation> cursor,
            int limit)
            throws SQLException {
        Columns on = Columns.of(query);
        Statement part =
                part(query, shape, on.score(), List.of()).append(" AND " + on.score() + band, query.unratedScore());
        part.append(on.rated());
        if (query.criteria().minReputation().isPresent()) {
            part.append(
                    " AND " + on.score() + " >= ?",
                    query.criteria().minReputation().getAsDouble());
        }
        if (cursor.isPresent()) {
            double score = cursor.get().score();
            // The plain bound is redundant but lets the index walk start at the cursor instead of
            // skipping every earlier page again.
            part.append(
                    " AND " + on.score() + " <= ? AND (" + on.score() + " < ? OR (" + on.score() + " = ? AND " + on.id()
                            + " > ?))",
                    score,
                    score,
                    score,
                    cursor.get().after().value());
        }
        part.append(" ORDER BY " + on.score() + " DESC, " + on.id() + " FETCH FIRST ? ROWS ONLY", limit);
        return fetch(connection, query, shape, part, new Statement(), " ORDER BY x.sort_score DESC, x.id");
    }

    /** Agents whose score is the prior ({@code which}: unrated, or rated exactly that), by id. */
    private static List<Row> atPrior(
            Connection connection,
            Query query,
            Shape shape,
            String which,
            List<Object> whichParameters,
            Optional<String> after,
            int limit)
            throws SQLException {
        Statement part = part(query, shape, "CAST(? AS DOUBLE PRECISION)", List.of(query.unratedScore()));
        part.append(" AND " + which, whichParameters.toArray());
        String id = Columns.of(query).id();
        after.ifPresent(value -> part.append(" AND " + id + " > ?", value));
        part.append(" ORDER BY " + id + " FETCH FIRST ? ROWS ONLY", limit);
        return fetch(connection, query, shape, part, new Statement(), " ORDER BY x.id");
    }

    private static Statement byPrice(Query query) {
        Columns on = Columns.of(query);
        String currencyColumn = on.table() + ".price_currency";
        String amountColumn = on.table() + ".price_amount";
        Statement part = part(
                query, Shape.WHOLE, "COALESCE(s.score, CAST(? AS DOUBLE PRECISION))", List.of(query.unratedScore()));
        if (query.criteria().after().orElse(null) instanceof SearchCursor.ByPrice cursor) {
            String currency = cursor.price().currency().code();
            // The plain bound is redundant but lets the index walk start at the cursor's currency.
            part.append(
                    " AND " + currencyColumn + " >= ? AND (" + currencyColumn + " > ? OR (" + currencyColumn
                            + " = ? AND (" + amountColumn + " > ? OR (" + amountColumn + " = ? AND " + on.id()
                            + " > ?))))",
                    currency,
                    currency,
                    currency,
                    cursor.price().amount(),
                    cursor.price().amount(),
                    cursor.after().value());
        }
        return part.append(
                " ORDER BY " + currencyColumn + ", " + amountColumn + ", " + on.id() + " FETCH FIRST ? ROWS ONLY",
                query.limit());
    }

    /** The agents matching every filter but the minimum reputation's sort-specific form, with {@code sortScore}. */
    private static Statement part(Query query, Shape shape, String sortScore, List<Object> sortScoreParameters) {
        SearchCriteria criteria = query.criteria();
        OffsetDateTime cutoff = Sql.timestamp(query.now().minus(query.heartbeatLease()));
        List<String> capabilities =
                criteria.anyOf().stream().map(Capability::name).sorted().toList();
        List<String> declared = criteria.availability().stream()
                .map(Availability::name)
                .sorted()
                .toList();
        String t = Columns.of(query).table();
        if (shape == Shape.LEAN && capabilities.size() != 1) {
            throw new IllegalArgumentException("a lean read is of one capability's ranking rows");
        }
        Statement part = new Statement()
                .append("SELECT " + (shape == Shape.WHOLE ? COLUMNS : LEAN_COLUMNS), cutoff)
                .append(sortScore + " AS sort_score", sortScoreParameters.toArray())
                .append(Columns.of(query).stored())
                .append(
                        shape == Shape.LEAN
                                ? " FROM search_ranking r WHERE r.capability = ? AND r.deregistered_at IS NULL"
                                : capabilities.size() == 1
                                        // One capability (every recommend): the ranking rows, whose indexes yield
                                        // them in the sort's order (Columns).
                                        ? " FROM search_ranking r JOIN agent a ON a.id = r.agent_id"
                                                + " LEFT JOIN reputation_summary s ON s.agent_id = a.id"
                                                + " WHERE r.capability = ? AND r.deregistered_at IS NULL"
                                        : " FROM agent a LEFT JOIN reputation_summary s ON s.agent_id = a.id"
                                                + " WHERE a.id IN (SELECT c.agent_id FROM agent_capability c WHERE c.capability IN ("
                                                + Sql.placeholders(capabilities.size())
                                                + ")) AND a.deregistered_at IS NULL",
                        capabilities.toArray())
                // The effective availability spelt out on the columns, so the planner can estimate it:
                // seen within the lease and declared one of the states, or lapsed when OFFLINE is asked for.
                .append(" AND ((" + t + ".last_seen_at >= ?", cutoff)
                .append(
                        " AND " + t + ".availability IN (" + Sql.placeholders(declared.size()) + "))",
                        declared.toArray());
        if (criteria.availability().contains(Availability.OFFLINE)) {
            part.append(" OR " + t + ".last_seen_at < ?", cutoff);
        }
        part.append(")");
        // A price ceiling implies its currency (SearchCriteria), so the amounts compared share one.
        if (criteria.currency().isPresent()) {
            part.append(
                    " AND " + t + ".price_currency = ?",
                    criteria.currency().get().code());
        }
        if (criteria.priceCeiling().isPresent()) {
            Money ceiling = criteria.priceCeiling().get();
            part.append(" AND " + t + ".price_amount <= ?", ceiling.amount());
        }
        if (criteria.minReputation().isPresent() && criteria.sort() != SearchSort.REPUTATION) {
            part.append(
                    Columns.of(query) == Columns.RANKING
                            // The ranking row's score, so a walk filters without joining the summary.
                            ? " AND (CASE WHEN r.score = -1 THEN CAST(? AS DOUBLE PRECISION) ELSE r.score END) >= ?"
                            : " AND COALESCE(s.score, CAST(? AS DOUBLE PRECISION)) >= ?",
                    query.unratedScore(),
                    criteria.minReputation().getAsDouble());
        }
        return part;
    }

    /**
     * A window starting inside a minute counts from the next whole minute: the counters cannot tell
     * which hires of that minute came before its start.
     */
    private static OffsetDateTime countedFrom(Instant since) {
        Instant bucket = ProviderLoadCounters.bucketOf(since);
        return Sql.timestamp(bucket.equals(since) ? since : bucket.plusSeconds(60));
    }

    /**
     * Where a query's filters and sort keys live. One capability (every recommend) reads {@code
     * search_ranking}, whose indexes start with the capability, so each walk is one range scan; the
     * agent and its summary are then joined by primary key for the rows returned. Several
     * capabilities read the agent and summary columns, as an agent may offer more than one of them.
     */
    private record Columns(String table, String id, String score, String unrated, String rated, String stored) {
        private static final Columns RANKING = new Columns(
                "r", "r.agent_id", "r.score", "r.score = -1", " AND r.score >= 0", ", r.recent_hires AS stored_hires");
        private static final Columns AGENT = new Columns("a", "a.id", "s.score", "s.agent_id IS NULL", "", "");

        static Columns of(Query query) {
            return query.criteria().anyOf().size() == 1 ? RANKING : AGENT;
        }
    }

    /** SQL text and its parameters, built together so they cannot drift apart. */
    private static final class Statement {
        private final StringBuilder text = new StringBuilder();
        private final List<Object> parameters = new ArrayList<>();

        Statement append(String sql, Object... values) {
            text.append(sql);
            parameters.addAll(List.of(values));
            return this;
        }

        Statement append(Statement other) {
            text.append(other.text);
            parameters.addAll(other.parameters);
            return this;
        }

        String text() {
            return text.toString();
        }

        List<Object> parameters() {
            return parameters;
        }
    }

    /** The capabilities and the metadata of some agents, by agent id. */
    public record Profiles(Map<String, SortedSet<Capability>> capabilities, Map<String, Map<String, String>> metadata) {
        public SortedSet<Capability> capabilitiesOf(String id) {
            return capabilities.getOrDefault(id, Collections.emptySortedSet());
        }

        public Map<String, String> metadataOf(String id) {
            return metadata.getOrDefault(id, Map.of());
        }
    }

    /**
     * The capabilities and metadata of the agents {@code ids} in one statement (issue 13: one round
     * trip less per page): a capability comes as a row without a key, which no metadata entry lacks.
     */
    public static Profiles profiles(Connection connection, List<String> ids) throws SQLException {
        Map<String, SortedSet<Capability>> capabilities = new HashMap<>();
        Map<String, Map<String, String>> metadata = new HashMap<>();
        String in = " WHERE agent_id IN (" + Sql.placeholders(ids.size()) + ")";
        String sql = "SELECT agent_id, CAST(NULL AS VARCHAR(64)) AS entry_key, capability AS entry_value"
                + " FROM agent_capability" + in
                + " UNION ALL SELECT agent_id, entry_key, entry_value FROM agent_metadata" + in;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            List<String> twice = new ArrayList<>(ids);
            twice.addAll(ids);
            Sql.bind(statement, twice);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String agent = result.getString(1);
                    String key = result.getString(2);
                    if (key == null) {
                        capabilities
                                .computeIfAbsent(agent, id -> new TreeSet<>())
                                .add(Capability.of(result.getString(3)));
                    } else {
                        metadata.computeIfAbsent(agent, id -> new LinkedHashMap<>())
                                .put(key, result.getString(3));
                    }
                }
            }
        }
        return new Profiles(capabilities, metadata);
    }

    /** One row of the candidate query, before its capabilities and metadata are attached. */
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
            long version,
            Optional<ReputationSummary> summary,
            OptionalDouble lowerBound,
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
                    summary.map(found -> OptionalDouble.of(found.lowerBound())).orElse(OptionalDouble.empty()),
                    Availability.valueOf(result.getString("effective_availability")),
                    result.getDouble("sort_score"),
                    result.getLong("recent_hires"));
        }

        /** A row of {@link #LEAN_COLUMNS}: the values of a {@link Candidate}, nothing else. */
        static Row readLean(ResultSet result) throws SQLException {
            double bound = result.getDouble("lower_bound");
            OptionalDouble lowerBound = result.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(bound);
            return new Row(
                    result.getString("id"),
                    null,
                    null,
                    Money.of(result.getBigDecimal("price_amount"), Currency.of(result.getString("price_currency"))),
                    null,
                    null,
                    null,
                    result.getInt("capacity_per_hour"),
                    null,
                    0,
                    Optional.empty(),
                    lowerBound,
                    Availability.valueOf(result.getString("effective_availability")),
                    result.getDouble("sort_score"),
                    result.getLong("recent_hires"));
        }

        Candidate candidate() {
            return new Candidate(AgentId.of(id), price, effective, lowerBound, score, recentHires, load());
        }

        /** As core computes it (and the ranking rows store it): a double division, the same on every database. */
        double load() {
            return (double) recentHires / capacity;
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
            return new SearchHit(agent, effective, summary, score, recentHires, load());
        }
    }
}
