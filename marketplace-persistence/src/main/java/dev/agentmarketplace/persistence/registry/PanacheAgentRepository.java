package dev.agentmarketplace.persistence.registry;

import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Metadata;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.persistence.Sql;
import dev.agentmarketplace.persistence.UniqueViolation;
import dev.agentmarketplace.persistence.discovery.SearchRanking;
import dev.agentmarketplace.persistence.discovery.SqlAgentSearch;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * {@link AgentRepository} on Hibernate ORM Panache. Each method joins the caller's transaction (the
 * core's unit of work) or runs in one of its own.
 */
@ApplicationScoped
@Transactional
public class PanacheAgentRepository implements AgentRepository {
    /** Completed with the ids and the lock clause of the database: PostgreSQL's takes no key lock. */
    private static final String LOCK_AND_READ = "SELECT id, display_name, owner, price_amount, price_currency,"
            + " payout_wallet, availability, last_seen_at, capacity_per_hour, registered_at, deregistered_at, version"
            + " FROM agent WHERE id IN (";

    @Override
    public Optional<Agent> findById(AgentId id) {
        return AgentEntity.<AgentEntity>findByIdOptional(id.value()).map(AgentMapper::toDomain);
    }

    /** As {@link #findAllByIdForUpdate}: the row stays locked, on every replica, until the transaction ends. */
    @Override
    public Optional<Agent> findByIdForUpdate(AgentId id) {
        return Optional.ofNullable(findAllByIdForUpdate(List.of(id)).get(id));
    }

    /**
     * Two statements whatever the number of agents, both plain JDBC on the hire and settle path
     * (issue 13: Hibernate translated the entity query anew for every list of ids and then dirty
     * checked the loaded entities at each flush): the rows locked in id order and read by the same
     * {@code SELECT ... ORDER BY id FOR ...}, then their capabilities and metadata in one query.
     * Read under the locks, so they are what the last writer committed. On PostgreSQL the lock is
     * {@code FOR NO KEY UPDATE}, as Hibernate's own pessimistic write lock: it excludes every writer
     * of the row but not the foreign-key checks of other transactions' hires and reputation events
     * that merely reference the agent.
     */
    @Override
    public Map<AgentId, Agent> findAllByIdForUpdate(Collection<AgentId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<String> sorted = new TreeSet<>(ids).stream().map(AgentId::value).toList();
        return AgentEntity.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            String lock = LOCK_AND_READ + Sql.placeholders(sorted.size()) + ") ORDER BY id FOR "
                    + (Sql.isPostgres(connection) ? "NO KEY UPDATE" : "UPDATE");
            List<LockedRow> rows = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(lock)) {
                Sql.bind(statement, sorted);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(LockedRow.read(result));
                    }
                }
            }
            if (rows.isEmpty()) {
                return Map.of();
            }
            SqlAgentSearch.Profiles profiles = SqlAgentSearch.profiles(
                    connection, rows.stream().map(LockedRow::id).toList());
            Map<AgentId, Agent> locked = new TreeMap<>();
            rows.forEach(row -> locked.put(AgentId.of(row.id()), row.toDomain(profiles)));
            return locked;
        });
    }

    /** An agent's own columns, read while locking its row; its capabilities and metadata come after. */
    private record LockedRow(
            String id,
            String displayName,
            String owner,
            Money price,
            WalletAddress wallet,
            Availability availability,
            Instant lastSeenAt,
            int capacityPerHour,
            Instant registeredAt,
            Optional<Instant> deregisteredAt,
            long version) {

        static LockedRow read(ResultSet result) throws SQLException {
            return new LockedRow(
                    result.getString("id"),
                    result.getString("display_name"),
                    result.getString("owner"),
                    // The column holds 18 decimals; Money brings the amount back to its currency's scale.
                    Money.of(result.getBigDecimal("price_amount"), Currency.of(result.getString("price_currency"))),
                    WalletAddress.of(result.getString("payout_wallet")),
                    Availability.valueOf(result.getString("availability")),
                    Sql.instant(result, "last_seen_at"),
                    result.getInt("capacity_per_hour"),
                    Sql.instant(result, "registered_at"),
                    Optional.ofNullable(Sql.instant(result, "deregistered_at")),
                    result.getLong("version"));
        }

        Agent toDomain(SqlAgentSearch.Profiles profiles) {
            return new Agent(
                    AgentId.of(id),
                    displayName,
                    owner,
                    new TreeSet<>(profiles.capabilitiesOf(id)),
                    price,
                    wallet,
                    availability,
                    lastSeenAt,
                    capacityPerHour,
                    Metadata.of(profiles.metadataOf(id)),
                    registeredAt,
                    deregisteredAt,
                    version);
        }
    }

    @Override
    public List<Agent> listAfter(Optional<AgentId> after, int limit) {
        var query = after.isPresent()
                ? AgentEntity.<AgentEntity>find(
                        "id > ?1", Sort.by("id"), after.get().value())
                : AgentEntity.<AgentEntity>findAll(Sort.by("id"));
        return query.page(Page.ofSize(limit)).list().stream()
                .map(AgentMapper::toDomain)
                .toList();
    }

    /**
     * One statement on the primary key, selecting the ids only: loading the entities would also
     * read each agent's capabilities and metadata.
     */
    @Override
    public Set<AgentId> deregisteredAmong(Set<AgentId> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return AgentEntity.getEntityManager()
                .createQuery(
                        "select a.id from AgentEntity a where a.id in :ids and a.deregisteredAt is not null",
                        String.class)
                .setParameter("ids", ids.stream().map(AgentId::value).toList())
                .getResultStream()
                .map(AgentId::of)
                .collect(Collectors.toSet());
    }

    @Override
    public void add(Agent agent) {
        if (AgentEntity.findById(agent.id().value()) != null) {
            throw AgentRegistry.alreadyRegistered(agent.id());
        }
        try {
            AgentMapper.toNewEntity(agent).persistAndFlush();
            SearchRanking.refresh(agent.id().value());
        } catch (PersistenceException e) {
            // The check above cannot see a registration another replica has not committed yet;
            // the primary key decides, and the loser gets the same answer as a plain duplicate.
            if (UniqueViolation.causedBy(e)) {
                throw AgentRegistry.alreadyRegistered(agent.id());
            }
            throw e;
        }
    }

    /**
     * Compare-and-set on the version column first: the conditional UPDATE both detects a stale
     * version (no row matches) and locks the row, so the field writes that follow cannot interleave
     * with another replica's.
     */
    @Override
    public Agent update(Agent agent) {
        int bumped = AgentEntity.update(
                "version = version + 1 where id = :id and version = :version",
                Parameters.with("id", agent.id().value()).and("version", agent.version()));
        AgentEntity entity = AgentEntity.findById(agent.id().value());
        if (entity == null) {
            throw new IllegalStateException("no agent " + agent.id() + " to update");
        }
        if (bumped == 0) {
            throw AgentRegistry.concurrentModification(agent.id());
        }
        AgentMapper.copyChangeable(agent, entity);
        // The bulk UPDATE bypassed the persistence context; the entity carries the bumped version.
        entity.version = agent.version() + 1;
        AgentEntity.flush();
        SearchRanking.refresh(agent.id().value());
        return AgentMapper.toDomain(entity);
    }
}
