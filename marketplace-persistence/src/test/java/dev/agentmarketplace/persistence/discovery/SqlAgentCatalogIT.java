package dev.agentmarketplace.persistence.discovery;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.discovery.AgentCatalog;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.reputation.ReputationRepository;
import dev.agentmarketplace.core.testing.AgentCatalogContract;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.registry.AgentEntity;
import dev.agentmarketplace.persistence.registry.PanacheAgentRepository;
import dev.agentmarketplace.persistence.reputation.PanacheReputationRepository;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The operators' listing on H2: the core's {@link AgentCatalogContract}. {@link
 * SqlAgentCatalogOnPostgresIT} reruns it on PostgreSQL.
 */
@QuarkusTest
class SqlAgentCatalogIT extends AgentCatalogContract {
    @Inject
    PanacheAgentRepository agents;

    @Inject
    PanacheReputationRepository reputations;

    @Inject
    SqlAgentCatalog catalog;

    @Inject
    TransactionalUnitOfWork transactions;

    /** Called first by the contract's set-up: deleting agents cascades to summaries and ranking rows. */
    @Override
    protected AgentRepository agents() {
        transactions.run(() -> AgentEntity.deleteAll());
        return agents;
    }

    @Override
    protected ReputationRepository reputations() {
        return reputations;
    }

    @Override
    protected AgentCatalog catalog() {
        return catalog;
    }

    @Override
    protected UnitOfWork unitOfWork() {
        return transactions;
    }
}
