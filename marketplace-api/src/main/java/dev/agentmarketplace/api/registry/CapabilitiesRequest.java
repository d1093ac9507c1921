package dev.agentmarketplace.api.registry;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The whole new set of capabilities; it replaces the old one. */
@Schema(name = "CapabilitiesChange")
public record CapabilitiesRequest(
        @Schema(examples = "[\"python\", \"data analysis\"]") @NotNull @Size(min = 1, max = 50) List<@NotNull @Size(max = 100) String> capabilities) {}
