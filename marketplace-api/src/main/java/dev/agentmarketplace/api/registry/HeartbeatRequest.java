package dev.agentmarketplace.api.registry;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A heartbeat, optionally declaring a new availability at the same time. */
@Schema(name = "Heartbeat")
public record HeartbeatRequest(
        @Schema(
                description = "The availability from now on; absent keeps the declared one",
                enumeration = {"ONLINE", "BUSY", "OFFLINE", "MAINTENANCE"},
                examples = "BUSY",
                nullable = true)
        @Size(max = 16) String availability) {}
