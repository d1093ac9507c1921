package dev.agentmarketplace.core.registry;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
import java.util.Objects;

/** Why one item of a bulk request was refused: its position in the batch, its agent, the code and the rule. */
public record BulkItemError(int index, AgentId agentId, ErrorCode code, String message) {
    public BulkItemError {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, was " + index);
        }
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    static BulkItemError of(int index, AgentId agentId, DomainException error) {
        return new BulkItemError(index, agentId, error.code(), error.getMessage());
    }

    @Override
    public String toString() {
        return "[" + index + "] " + agentId + " " + code + ": " + message;
    }
}
