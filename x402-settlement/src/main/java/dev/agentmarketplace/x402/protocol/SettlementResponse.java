package dev.agentmarketplace.x402.protocol;

import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of settlement ({@code PAYMENT-RESPONSE} in v2, {@code X-PAYMENT-RESPONSE} in v1, and
 * the facilitator's {@code /settle} answer). {@code errorReason} is kept opaque: facilitators
 * disagree on the strings. {@code transaction} is empty on failure, and only then.
 */
public record SettlementResponse(
        boolean success,
        Optional<String> errorReason,
        Optional<String> payer,
        String transaction,
        String network,
        Optional<BigInteger> amount,
        Optional<JsonObject> extensions) {

    public SettlementResponse {
        Objects.requireNonNull(errorReason, "errorReason");
        Objects.requireNonNull(payer, "payer");
        Wire.present(transaction, Reason.INVALID_PAYLOAD, "transaction");
        if (success && transaction.isEmpty()) {
            throw new X402CodecException(Reason.INVALID_PAYLOAD, "transaction", "a successful settlement names it");
        }
        if (network == null || network.indexOf(':') < 0) {
            Wire.v1Network(network, "network");
        } else {
            Wire.caip2Network(network, "network");
        }
        Objects.requireNonNull(amount, "amount").ifPresent(a -> Wire.uint256(a, Reason.INVALID_PAYLOAD, "amount"));
        Objects.requireNonNull(extensions, "extensions");
    }
}
