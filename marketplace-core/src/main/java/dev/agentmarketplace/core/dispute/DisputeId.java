package dev.agentmarketplace.core.dispute;

import dev.agentmarketplace.core.InvalidValueException;
import java.util.UUID;

/** A dispute's identifier: a UUID in its canonical lower-case spelling. */
public record DisputeId(String value) {
    public DisputeId {
        try {
            if (value == null || !UUID.fromString(value).toString().equals(value)) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("disputeId", "'" + value + "' is not a lower-case UUID");
        }
    }

    public static DisputeId of(String value) {
        return new DisputeId(value);
    }

    public static DisputeId of(UUID uuid) {
        return new DisputeId(uuid.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
