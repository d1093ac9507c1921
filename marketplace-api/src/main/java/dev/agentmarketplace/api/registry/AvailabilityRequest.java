package dev.agentmarketplace.api.registry;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The availability an agent declares, or an operator sets (MAINTENANCE, say). */
@Schema(name = "AvailabilityChange")
public record AvailabilityRequest(
        @Schema(
                enumeration = {"ONLINE", "BUSY", "OFFLINE", "MAINTENANCE"},
                examples = "MAINTENANCE")
        @NotNull @Size(max = 16) String availability) {}
