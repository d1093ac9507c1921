package dev.agentmarketplace.x402.facilitator;

import java.util.Objects;

/**
 * What one call to a facilitator came to, after the client's retries: a decision, or none.
 *
 * @param <T> the answer's body ({@code VerifyResponse}, {@code SettlementResponse}, {@code SupportedResponse})
 */
public sealed interface FacilitatorAnswer<T> {

    /**
     * The facilitator decided: a 2xx with a body that reads as {@code T}, or a 4xx whose body reads
     * as a refusal ({@code isValid: false}, {@code success: false}).
     */
    record Decided<T>(int status, T body) implements FacilitatorAnswer<T> {
        public Decided {
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * No decision: unreachable, timed out, a 5xx or 429 to the last attempt, or a body that does
     * not read. For {@code /settle} the request may have arrived all the same.
     */
    record Undecided<T>(String problem) implements FacilitatorAnswer<T> {
        public Undecided {
            Objects.requireNonNull(problem, "problem");
        }
    }
}
