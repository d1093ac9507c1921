package dev.agentmarketplace.core.registry;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ShownText;
import dev.agentmarketplace.core.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A registered agent as the registry knows it. Capabilities are kept sorted and free of
 * duplicates; {@code version} counts stored changes and guards against lost updates.
 */
public record Agent(
        AgentId id,
        String displayName,
        String owner,
        SortedSet<Capability> capabilities,
        Money price,
        WalletAddress payoutWallet,
        Availability availability,
        Instant lastSeenAt,
        int capacityPerHour,
        Metadata metadata,
        Instant registeredAt,
        Optional<Instant> deregisteredAt,
        long version) {
    public static final int MAX_DISPLAY_NAME_LENGTH = 120;
    public static final int MAX_OWNER_LENGTH = 120;
    public static final int MAX_CAPABILITIES = 50;
    public static final int MAX_CAPACITY_PER_HOUR = 1_000_000;

    public Agent {
        Objects.requireNonNull(id, "id");
        displayName = requiredText("displayName", displayName, MAX_DISPLAY_NAME_LENGTH);
        owner = requiredText("owner", owner, MAX_OWNER_LENGTH);
        capabilities = validCapabilities(capabilities);
        Objects.requireNonNull(price, "price");
        if (price.isNegative()) {
            throw new InvalidValueException("price", "must not be negative, was " + price);
        }
        Objects.requireNonNull(payoutWallet, "payoutWallet");
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        if (capacityPerHour < 1 || capacityPerHour > MAX_CAPACITY_PER_HOUR) {
            throw new InvalidValueException(
                    "capacityPerHour", "must be between 1 and " + MAX_CAPACITY_PER_HOUR + ", was " + capacityPerHour);
        }
        metadata = metadata == null ? Metadata.EMPTY : metadata;
        Objects.requireNonNull(registeredAt, "registeredAt");
        deregisteredAt = deregisteredAt == null ? Optional.empty() : deregisteredAt;
        if (version < 0) {
            throw new InvalidValueException("version", "must not be negative");
        }
    }

    public boolean offers(Capability capability) {
        return capabilities.contains(capability);
    }

    public boolean isDeregistered() {
        return deregisteredAt.isPresent();
    }

    /**
     * The availability discovery and hiring act on: a deregistered agent, or one whose heartbeat
     * lease has lapsed, is OFFLINE whatever it last declared.
     */
    public Availability effectiveAvailability(Instant now, Duration lease) {
        if (isDeregistered() || lastSeenAt.plus(lease).isBefore(now)) {
            return Availability.OFFLINE;
        }
        return availability;
    }

    /** A builder holding this agent's fields, to derive a changed copy; {@link Builder#build} re-checks every rule. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Collects changes to an {@link Agent}; the changed agent exists only once every rule holds. */
    public static final class Builder {
        private final AgentId id;
        private final String displayName;
        private final String owner;
        private final WalletAddress payoutWallet;
        private final Instant registeredAt;
        private Collection<Capability> capabilities;
        private Money price;
        private Availability availability;
        private Instant lastSeenAt;
        private int capacityPerHour;
        private Metadata metadata;
        private Optional<Instant> deregisteredAt;
        private long version;

        private Builder(Agent agent) {
            id = agent.id;
            displayName = agent.displayName;
            owner = agent.owner;
            payoutWallet = agent.payoutWallet;
            registeredAt = agent.registeredAt;
            capabilities = agent.capabilities;
            price = agent.price;
            availability = agent.availability;
            lastSeenAt = agent.lastSeenAt;
            capacityPerHour = agent.capacityPerHour;
            metadata = agent.metadata;
            deregisteredAt = agent.deregisteredAt;
            version = agent.version;
        }

        public Builder capabilities(Collection<Capability> capabilities) {
            this.capabilities = capabilities;
            return this;
        }

        public Builder price(Money price) {
            this.price = price;
            return this;
        }

        public Builder availability(Availability availability) {
            this.availability = availability;
            return this;
        }

        public Builder lastSeenAt(Instant lastSeenAt) {
            this.lastSeenAt = lastSeenAt;
            return this;
        }

        public Builder capacityPerHour(int capacityPerHour) {
            this.capacityPerHour = capacityPerHour;
            return this;
        }

        public Builder metadata(Metadata metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder deregisteredAt(Optional<Instant> deregisteredAt) {
            this.deregisteredAt = deregisteredAt;
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        public Agent build() {
            return new Agent(
                    id,
                    displayName,
                    owner,
                    capabilities == null ? null : new TreeSet<>(capabilities),
                    price,
                    payoutWallet,
                    availability,
                    lastSeenAt,
                    capacityPerHour,
                    metadata,
                    registeredAt,
                    deregisteredAt,
                    version);
        }
    }

    private static String requiredText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "must not be blank");
        }
        String trimmed = ShownText.line(field, value.strip());
        if (trimmed.length() > maxLength) {
            throw new InvalidValueException(field, "must be at most " + maxLength + " characters");
        }
        return trimmed;
    }

    private static SortedSet<Capability> validCapabilities(Collection<Capability> capabilities) {
        if (capabilities == null || capabilities.isEmpty()) {
            throw new InvalidValueException("capabilities", "at least one capability is required");
        }
        SortedSet<Capability> normalized = new TreeSet<>(capabilities);
        if (normalized.size() > MAX_CAPABILITIES) {
            throw new InvalidValueException("capabilities", "at most " + MAX_CAPABILITIES + " capabilities");
        }
        return Collections.unmodifiableSortedSet(normalized);
    }
}
