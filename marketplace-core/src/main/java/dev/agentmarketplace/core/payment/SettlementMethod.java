package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.InvalidValueException;
import java.util.Objects;
import java.util.Optional;

/**
 * How a settlement was made, as its receipt states it: through an x402 payment on chain, or off
 * chain, by the payer or an operator settling the hire by hand. Only an x402 settlement has a chain
 * transaction; a reference given with an off-chain settlement is the settler's own text and is
 * never presented as one.
 */
public sealed interface SettlementMethod {
    /** The signed name of the method: {@code x402} or {@code off-chain}. */
    String code();

    /**
     * Settled through x402.
     *
     * @param payment the authorization that paid it
     * @param chainTransaction the chain's transaction, as the facilitator reported it
     */
    record X402(OnChainPayment payment, String chainTransaction) implements SettlementMethod {
        public static final String CODE = "x402";

        public X402 {
            Objects.requireNonNull(payment, "payment");
            if (chainTransaction == null || chainTransaction.isBlank()) {
                throw new InvalidValueException("chainTransaction", "an x402 settlement names its chain transaction");
            }
        }

        @Override
        public String code() {
            return CODE;
        }
    }

    /**
     * Settled off chain, by hand.
     *
     * @param reference what the settler gave as its reference (a wire transfer's, say), if anything
     */
    record OffChain(Optional<String> reference) implements SettlementMethod {
        public static final String CODE = "off-chain";

        public OffChain {
            // An empty reference would sign the same bytes as no reference at all.
            if (Objects.requireNonNull(reference, "reference")
                    .filter(String::isBlank)
                    .isPresent()) {
                throw new InvalidValueException("reference", "must not be blank when present");
            }
        }

        @Override
        public String code() {
            return CODE;
        }
    }
}
