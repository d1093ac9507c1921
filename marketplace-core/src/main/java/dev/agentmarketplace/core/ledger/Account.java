package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.registry.AgentId;
import java.util.Objects;

/**
 * An account of the journal: one per agent ({@code agent:<id>}), the platform's {@code escrow},
 * where a hire's amount waits between hire and settlement, and its {@code platform-fees}.
 */
public sealed interface Account extends Comparable<Account> {
    Account ESCROW = new Escrow();
    Account PLATFORM_FEES = new PlatformFees();

    /** The account's stable name, as it appears in the journal's canonical encoding. */
    String name();

    record OfAgent(AgentId agent) implements Account {
        public OfAgent {
            Objects.requireNonNull(agent, "agent");
        }

        @Override
        public String name() {
            return "agent:" + agent.value();
        }
    }

    record Escrow() implements Account {
        @Override
        public String name() {
            return "escrow";
        }
    }

    record PlatformFees() implements Account {
        @Override
        public String name() {
            return "platform-fees";
        }
    }

    static Account of(AgentId agent) {
        return new OfAgent(agent);
    }

    static Account parse(String name) {
        if ("escrow".equals(name)) {
            return ESCROW;
        }
        if ("platform-fees".equals(name)) {
            return PLATFORM_FEES;
        }
        if (name != null && name.startsWith("agent:")) {
            return new OfAgent(AgentId.of(name.substring("agent:".length())));
        }
        throw new InvalidValueException("account", "'" + name + "' is not agent:<id>, escrow or platform-fees");
    }

    @Override
    default int compareTo(Account other) {
        return name().compareTo(other.name());
    }
}
