package dev.agentmarketplace.persistence.registry;

import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentCatalog;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;

/** {@link AgentRepository} on Hibernate ORM Panache. */
@ApplicationScoped
@Transactional
public class PanacheAgentRepository implements AgentRepository {

    @Override
    public Optional<Agent> findById(AgentId id) {
        return AgentEntity.<AgentEntity>findByIdOptional(id.value()).map(AgentMapper::toDomain);
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

    @Override
    public void add(Agent agent) {
        if (AgentEntity.findById(agent.id().value()) != null) {
            throw AgentCatalog.alreadyRegistered(agent.id());
        }
        try {
            AgentMapper.toNewEntity(agent).persistAndFlush();
        } catch (PersistenceException e) {
            // The check above cannot see a registration another replica has not committed yet;
            // the primary key decides, and the loser gets the same answer as a plain duplicate.
            if (causedByConstraintViolation(e)) {
                throw AgentCatalog.alreadyRegistered(agent.id());
            }
            throw e;
        }
    }

    private static boolean causedByConstraintViolation(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
