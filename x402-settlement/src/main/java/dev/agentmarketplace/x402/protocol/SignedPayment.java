package dev.agentmarketplace.x402.protocol;

/**
 * A payment as a client sends it, in either protocol version: v2 in {@code PAYMENT-SIGNATURE}, v1 in
 * {@code X-PAYMENT}. Both carry the same {@code exact} EVM payload.
 */
public sealed interface SignedPayment permits PaymentPayload, PaymentPayloadV1 {

    int x402Version();

    String scheme();

    String network();

    ExactEvmPayload payload();
}
