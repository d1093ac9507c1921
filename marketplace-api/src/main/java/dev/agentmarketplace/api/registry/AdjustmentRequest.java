package dev.agentmarketplace.api.registry;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An operator's correction of an agent's score, with the reason the audit trail keeps. */
@Schema(name = "ReputationAdjustment")
public record AdjustmentRequest(
        @Schema(
                description = "Added to the score: non-zero, -5 to 5, at most two decimals; a JSON string or"
                        + " number, read exactly",
                type = SchemaType.STRING,
                examples = "-0.5")
        @NotNull BigDecimal delta,

        @Schema(
                description = "Why; shown in the agent's reputation history",
                examples = "confirmed spam reviews removed")
        @NotNull @Size(min = 1, max = 500) String reason) {}
