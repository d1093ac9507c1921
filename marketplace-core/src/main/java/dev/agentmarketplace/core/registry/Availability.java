package dev.agentmarketplace.core.registry;

/** Whether an agent takes work now. */
public enum Availability {
    ONLINE,
    BUSY,
    OFFLINE,
    MAINTENANCE
}
