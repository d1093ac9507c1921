package dev.agentmarketplace.api.registry;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The whole new metadata; it replaces the old one (an empty object clears it). */
@Schema(name = "MetadataChange")
public record MetadataRequest(
        @Schema(examples = "{\"region\": \"eu-west\", \"model\": \"m-2\"}") @NotNull @Size(max = 32) Map<@NotNull @Size(max = 64) String, @NotNull @Size(max = 512) String> metadata) {}
