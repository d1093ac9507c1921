package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.registry.AgentId;
import java.util.Objects;

/** Who made a move: an agent (by id), an operator (by subject), or the platform itself (by rule). */
public record Actor(Kind kind, String id) {
    public enum Kind {
        AGENT,
        OPERATOR,
        SYSTEM
    }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank() || id.length() > 128) {
            throw new InvalidValueException("actor", "id must be 1-128 characters");
        }
    }

    public static Actor agent(AgentId agent) {
        return new Actor(Kind.AGENT, agent.value());
    }

    public static Actor operator(String subject) {
        return new Actor(Kind.OPERATOR, subject);
    }

    public static Actor system(String rule) {
        return new Actor(Kind.SYSTEM, rule);
    }

    public boolean is(AgentId agent) {
        return kind == Kind.AGENT && id.equals(agent.value());
    }
}
