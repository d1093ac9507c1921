package dev.agentmarketplace.api.registry;

import dev.agentmarketplace.core.money.Decimals;
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
                        + " number of at most " + Decimals.MAX_LENGTH + " characters, read exactly",
                type = SchemaType.STRING,
                maxLength = Decimals.MAX_LENGTH,
                examples = "-0.5")
        @NotNull @Size(min = 1, max = Decimals.MAX_LENGTH) String delta,

        @Schema(
                description = "Why; shown in the agent's reputation history",
                examples = "confirmed spam reviews removed")
        @NotNull @Size(min = 1, max = 500) String reason) {

    /** The delta as an exact decimal, bounded before anything expands it (issue 11). */
    BigDecimal exactDelta() {
        return Decimals.parse("delta", delta);
    }
}
