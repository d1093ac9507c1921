package dev.agentmarketplace.core;

/** Stable, machine-readable codes of domain errors; adapters map them to protocol errors in one place. */
public enum ErrorCode {
    INVALID_VALUE,
    AGENT_NOT_FOUND,
    AGENT_ALREADY_REGISTERED
}
