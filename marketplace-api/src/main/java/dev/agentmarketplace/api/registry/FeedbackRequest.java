package dev.agentmarketplace.api.registry;

import dev.agentmarketplace.core.money.Decimals;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A payer's rating of the provider of one of its settled transactions; the rater is always the caller. */
@Schema(name = "Feedback")
public record FeedbackRequest(
        @Schema(
                description = "The settled transaction the rating is for",
                examples = "0b5e0c1e-8f5a-4f0e-9d43-3f1c2a7b9e10")
        @NotNull @Size(min = 1, max = 64) String transactionId,

        @Schema(
                description = "0 to 5 in steps of 0.1, as a JSON string or number of at most " + Decimals.MAX_LENGTH
                        + " characters; read exactly, never as a double",
                type = SchemaType.STRING,
                maxLength = Decimals.MAX_LENGTH,
                examples = "4.5")
        @NotNull @Size(min = 1, max = Decimals.MAX_LENGTH) String rating) {

    /** The rating as an exact decimal, bounded before anything expands it (issue 11). */
    BigDecimal exactRating() {
        return Decimals.parse("rating", rating);
    }
}
