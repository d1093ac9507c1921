package dev.agentmarketplace.core.registry;

/**
 * Port: what the registry tells observers (metrics, say) after a change has been made. Calls come
 * after the registry's own unit of work returns; a caller's enclosing unit of work may still roll
 * back, so observers count, they never decide.
 */
public interface RegistryEvents {
    RegistryEvents NONE = new RegistryEvents() {};

    default void agentsRegistered(int count) {}
}
