package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.access.AgentClientRepository;

class InMemoryAgentClientRepositoryTest extends AgentClientRepositoryContract {
    @Override
    protected AgentClientRepository clients() {
        return new InMemoryAgentClientRepository();
    }
}
