package dev.agentmarketplace.x402.protocol;

import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.util.HexFormat;

/**
 * The {@code payload} of an {@code exact} EVM payment: the authorization and its 65-byte signature
 * r‖s‖v as {@code 0x} + 130 hex digits. Contract-wallet signatures (EIP-1271, ERC-6492) are longer
 * and are refused: this codec only carries what the EOA verifier can check.
 */
public record ExactEvmPayload(String signature, Authorization authorization) {

    public ExactEvmPayload {
        Wire.signature(signature, Reason.INVALID_PAYLOAD, "signature");
        Wire.present(authorization, Reason.INVALID_PAYLOAD, "authorization");
    }

    /** The 65 signature bytes r‖s‖v. */
    public byte[] signatureBytes() {
        return HexFormat.of().parseHex(signature, 2, signature.length());
    }
}
