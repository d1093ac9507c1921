package dev.agentmarketplace.core.registry;

import dev.agentmarketplace.core.InvalidValueException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/** A registered agent as the registry knows it. Capabilities are kept sorted and free of duplicates. */
public record Agent(
        AgentId id,
        String displayName,
        SortedSet<Capability> capabilities,
        Availability availability,
        Instant registeredAt) {
    public static final int MAX_DISPLAY_NAME_LENGTH = 120;

    public Agent {
        Objects.requireNonNull(id, "id");
        displayName = validDisplayName(displayName);
        capabilities = validCapabilities(capabilities);
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }

    private static String validDisplayName(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            throw new InvalidValueException("displayName", "must not be blank");
        }
        String trimmed = displayName.strip();
        if (trimmed.length() > MAX_DISPLAY_NAME_LENGTH) {
            throw new InvalidValueException(
                    "displayName", "must be at most " + MAX_DISPLAY_NAME_LENGTH + " characters");
        }
        return trimmed;
    }

    private static SortedSet<Capability> validCapabilities(Collection<Capability> capabilities) {
        if (capabilities == null || capabilities.isEmpty()) {
            throw new InvalidValueException("capabilities", "at least one capability is required");
        }
        return Collections.unmodifiableSortedSet(new TreeSet<>(capabilities));
    }
}
