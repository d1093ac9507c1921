package dev.agentmarketplace.x402.evm;

import java.math.BigInteger;

/**
 * The EIP-3009 {@code transferWithAuthorization} message an x402 {@code exact} payment signs: {@code
 * from} lets {@code to} pull {@code value} atomic units between {@code validAfter} and {@code
 * validBefore} (Unix seconds), once per {@code nonce}.
 */
public record TransferWithAuthorization(
        EvmAddress from, EvmAddress to, BigInteger value, BigInteger validAfter, BigInteger validBefore, Nonce nonce) {
    // Field order is part of the type hash (EIP-712 §Definition of encodeType).
    private static final Eip712Struct TYPE = Eip712Struct.parse("TransferWithAuthorization(address from,address to,"
            + "uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)");

    public TransferWithAuthorization {
        Eip712.require("authorization.from", from);
        Eip712.require("authorization.to", to);
        Eip712.requireUint256("authorization.value", value);
        Eip712.requireUint256("authorization.validAfter", validAfter);
        Eip712.requireUint256("authorization.validBefore", validBefore);
        Eip712.require("authorization.nonce", nonce);
    }

    public static byte[] typeHash() {
        return TYPE.typeHash();
    }

    /** {@code hashStruct(message)}, EIP-712 §Definition of hashStruct. */
    public byte[] structHash() {
        return TYPE.encoder()
                .address("from", from)
                .address("to", to)
                .uint("value", value)
                .uint("validAfter", validAfter)
                .uint("validBefore", validBefore)
                .bytes32("nonce", nonce.bytes())
                .hash();
    }

    /** The digest a signer signs: keccak256(0x19 0x01 ‖ domainSeparator ‖ hashStruct(message)), EIP-712 §Specification. */
    public byte[] digest(Eip712Domain domain) {
        return Eip712Struct.digest(domain.separator(), structHash());
    }
}
