package dev.agentmarketplace.core.market;

/** Agents registered (not deregistered) and, of those, effectively ONLINE now. */
public record AgentCounts(long registered, long online) {
    public AgentCounts {
        if (registered < 0 || online < 0 || online > registered) {
            throw new IllegalArgumentException(
                    "online (" + online + ") must be between 0 and registered (" + registered + ")");
        }
    }
}
