package dev.agentmarketplace.core.dispute;

import dev.agentmarketplace.core.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Objects;

/**
 * Position in the dispute queue, the order operators work in: OPEN disputes first, the soonest
 * deadline first (then by id); then RESOLVED ones, the latest deadline first (then by id, descending).
 * The next page starts strictly after it. Clients see it only as an opaque string ({@link #encode}).
 */
public record DisputeQueueCursor(DisputeStatus status, Instant deadline, DisputeId id) {
    private static final Comparator<Dispute> OPEN_ORDER = Comparator.comparing(Dispute::deadline)
            .thenComparing(dispute -> dispute.id().value());

    /** The queue's order. */
    public static final Comparator<Dispute> ORDER = Comparator.comparing(Dispute::status)
            .thenComparing(
                    (a, b) -> a.status() == DisputeStatus.OPEN ? OPEN_ORDER.compare(a, b) : OPEN_ORDER.compare(b, a));

    public DisputeQueueCursor {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(id, "id");
    }

    public static DisputeQueueCursor of(Dispute dispute) {
        return new DisputeQueueCursor(dispute.status(), dispute.deadline(), dispute.id());
    }

    /** Whether {@code dispute} comes after this position in the queue. */
    public boolean precedes(Dispute dispute) {
        int byStatus = dispute.status().compareTo(status);
        if (byStatus != 0) {
            return byStatus > 0;
        }
        int byDeadline = dispute.deadline().compareTo(deadline);
        int byId = dispute.id().value().compareTo(id.value());
        int ascending = byDeadline != 0 ? byDeadline : byId;
        return status == DisputeStatus.OPEN ? ascending > 0 : ascending < 0;
    }

    public String encode() {
        String plain = status + "|" + deadline + "|" + id.value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidValueException naming {@code cursor} when this service did not issue it */
    public static DisputeQueueCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("three parts expected");
            }
            return new DisputeQueueCursor(
                    DisputeStatus.valueOf(parts[0]), Instant.parse(parts[1]), DisputeId.of(parts[2]));
        } catch (RuntimeException e) {
            throw new InvalidValueException("cursor", "'" + cursor + "' is not a cursor this service issued");
        }
    }
}
