package dev.agentmarketplace.x402.protocol;

import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;

/** A v1 payment ({@code X-PAYMENT}): scheme and network by name, no echo of the requirements. */
public record PaymentPayloadV1(String scheme, String network, ExactEvmPayload payload) implements SignedPayment {

    public static final int VERSION = 1;

    public PaymentPayloadV1 {
        if (!Wire.EXACT.equals(Wire.scheme(scheme, "scheme"))) {
            throw new X402CodecException(Reason.INVALID_SCHEME, "scheme", "only \"exact\" is supported, got " + scheme);
        }
        Wire.v1Network(network, "network");
        Wire.present(payload, Reason.INVALID_PAYLOAD, "payload");
    }

    @Override
    public int x402Version() {
        return VERSION;
    }
}
