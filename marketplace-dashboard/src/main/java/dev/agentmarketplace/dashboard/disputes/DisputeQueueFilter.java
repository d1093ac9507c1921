package dev.agentmarketplace.dashboard.disputes;

import dev.agentmarketplace.core.dispute.DisputeStatus;
import dev.agentmarketplace.dashboard.transactions.FormErrors;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The queue's filter form as typed: a status, or blank for every dispute. */
public record DisputeQueueFilter(String status) {
    public DisputeQueueFilter {
        status = status == null ? "" : status.strip();
    }

    public List<DisputeStatus> statuses() {
        return List.of(DisputeStatus.values());
    }

    /** The status asked for; a value that is none is kept beside the field in {@code errors}. */
    public Optional<DisputeStatus> read(FormErrors errors) {
        if (status.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DisputeStatus.valueOf(status.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            errors.add("status", "must be OPEN or RESOLVED");
            return Optional.empty();
        }
    }

    /** The filter as a URL query (without {@code ?}); empty for every dispute. */
    public String query() {
        return status.isEmpty() ? "" : "status=" + URLEncoder.encode(status, StandardCharsets.UTF_8);
    }
}
