package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.discovery.SelectionStateStore;

class InMemorySelectionStateStoreTest extends SelectionStateStoreContract {
    @Override
    protected SelectionStateStore store() {
        return new InMemorySelectionStateStore();
    }
}
