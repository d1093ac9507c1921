package dev.agentmarketplace.persistence.registry;

import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.persistence.UniqueViolation;
import dev.agentmarketplace.persistence.discovery.SearchRanking;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@link AgentRepository} on Hibernate ORM Panache. Each method joins the caller's transaction (the
 * core's unit of work) or runs in one of its own.
 */
@ApplicationScoped
@Transactional
public class PanacheAgentRepository implements AgentRepository {

    @Override
    public Optional<Agent> findById(AgentId id) {
        return AgentEntity.<AgentEntity>findByIdOptional(id.value()).map(AgentMapper::toDomain);
    }

    /** SELECT ... FOR UPDATE: the row stays locked, on every replica, until the transaction ends. */
    @Override
    public Optional<Agent> findByIdForUpdate(AgentId id) {
        return AgentEntity.<AgentEntity>findByIdOptional(id.value(), LockModeType.PESSIMISTIC_WRITE)
                .map(AgentMapper::toDomain);
    }

    /**
     * Two statements whatever the number of agents: the rows locked in id order by a native
     * {@code SELECT ... ORDER BY id FOR UPDATE}, then the entities with both collections in one
     * query. Read after the locks, so they are what the last writer committed.
     */
    @Override
    public Map<AgentId, Agent> findAllByIdForUpdate(Collection<AgentId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<String> sorted = new TreeSet<>(ids).stream().map(AgentId::value).toList();
        EntityManager entities = AgentEntity.getEntityManager();
        @SuppressWarnings("unchecked")
        List<String> lockedIds = entities.createNativeQuery(
                        "SELECT id FROM agent WHERE id IN (?1) ORDER BY id FOR UPDATE", String.class)
                .setParameter(1, sorted)
                .getResultList();
        if (lockedIds.isEmpty()) {
            return Map.of();
        }
        Map<AgentId, Agent> locked = new TreeMap<>();
        entities.createQuery(
                        "SELECT DISTINCT a FROM AgentEntity a LEFT JOIN FETCH a.capabilities"
                                + " LEFT JOIN FETCH a.metadata WHERE a.id IN ?1",
                        AgentEntity.class)
                .setParameter(1, lockedIds)
                .getResultList()
                .forEach(entity -> locked.put(AgentId.of(entity.id), AgentMapper.toDomain(entity)));
        return locked;
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
