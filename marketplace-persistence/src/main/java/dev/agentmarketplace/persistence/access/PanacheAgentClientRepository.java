package dev.agentmarketplace.persistence.access;

import dev.agentmarketplace.core.access.AgentClient;
import dev.agentmarketplace.core.access.AgentClientRepository;
import dev.agentmarketplace.core.access.AgentClients;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.persistence.UniqueViolation;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@link AgentClientRepository} on Hibernate ORM Panache. Each method joins the caller's transaction
 * or runs in one of its own.
 */
@ApplicationScoped
@Transactional
public class PanacheAgentClientRepository implements AgentClientRepository {
    private final DataSource dataSource;

    PanacheAgentClientRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void add(AgentClient client) {
        if (AgentClientEntity.findById(client.agent().value()) != null) {
            throw AgentClients.alreadyExists(client.agent());
        }
        try {
            toEntity(client).persistAndFlush();
        } catch (PersistenceException e) {
            // A client another replica had not committed when we looked: the primary key decides.
            if (UniqueViolation.causedBy(e)) {
                throw AgentClients.alreadyExists(client.agent());
            }
            throw e;
        }
    }

    @Override
    public Optional<AgentClient> find(AgentId agent) {
        return AgentClientEntity.<AgentClientEntity>findByIdOptional(agent.value())
                .map(PanacheAgentClientRepository::toDomain);
    }

    /**
     * One primary-key read on a connection of its own, in auto-commit, outside any transaction: no
     * transaction to begin and commit on every request an agent's token authenticates.
     */
    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<AgentClient.Access> accessOf(AgentId agent) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT disabled_at, tokens_issued_from FROM agent_client WHERE agent_id = ?")) {
            select.setString(1, agent.value());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new AgentClient.Access(
                        row.getObject(1, OffsetDateTime.class) != null,
                        Optional.ofNullable(row.getObject(2, OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant)));
            }
        } catch (SQLException e) {
            throw new PersistenceException("could not read the client of agent '" + agent + "'", e);
        }
    }

    /** An UPDATE by primary key: of two admins at once, the later commit's decision stands. */
    @Override
    public Optional<AgentClient> setAccess(
            AgentId agent, Optional<AgentClient.Disablement> disabled, Optional<Instant> tokensIssuedFrom) {
        AgentClientEntity entity = AgentClientEntity.findById(agent.value());
        if (entity == null) {
            return Optional.empty();
        }
        entity.disabledBy = disabled.map(AgentClient.Disablement::by).orElse(null);
        entity.disabledAt = disabled.map(AgentClient.Disablement::at).orElse(null);
        entity.tokensIssuedFrom = tokensIssuedFrom.orElse(null);
        AgentClientEntity.flush();
        return Optional.of(toDomain(entity));
    }

    @Override
    public List<AgentClient> list(Optional<AgentId> after, int limit) {
        var query = after.isPresent()
                ? AgentClientEntity.<AgentClientEntity>find(
                        "agentId > ?1", Sort.by("agentId"), after.get().value())
                : AgentClientEntity.<AgentClientEntity>findAll(Sort.by("agentId"));
        return query.page(Page.ofSize(limit)).list().stream()
                .map(PanacheAgentClientRepository::toDomain)
                .toList();
    }

    private static AgentClientEntity toEntity(AgentClient client) {
        AgentClientEntity entity = new AgentClientEntity();
        entity.agentId = client.agent().value();
        entity.roles = client.roles().stream().sorted().map(Role::name).collect(Collectors.joining(","));
        entity.createdBy = client.createdBy();
        entity.createdAt = client.createdAt();
        return entity;
    }

    private static AgentClient toDomain(AgentClientEntity entity) {
        return new AgentClient(
                AgentId.of(entity.agentId),
                Arrays.stream(entity.roles.split(",")).map(Role::valueOf).collect(Collectors.toSet()),
                entity.createdBy,
                entity.createdAt,
                Optional.ofNullable(entity.disabledAt).map(at -> new AgentClient.Disablement(entity.disabledBy, at)),
                Optional.ofNullable(entity.tokensIssuedFrom));
    }
}
