package dev.agentmarketplace.api.registry;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CapacityChange")
public record CapacityRequest(
        @Schema(description = "Tasks per hour, 1 to 1000000", examples = "25") @NotNull Integer capacityPerHour) {}
