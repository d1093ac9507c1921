package dev.agentmarketplace.x402.evm;

import dev.agentmarketplace.core.hash.Keccak256;
import java.math.BigInteger;

/**
 * The EIP-3009 {@code transferWithAuthorization} message an x402 {@code exact} payment signs: {@code
 * from} lets {@code to} pull {@code value} atomic units between {@code validAfter} and {@code
 * validBefore} (Unix seconds), once per {@code nonce}.
 */
public record TransferWithAuthorization(
        EvmAddress from, EvmAddress to, BigInteger value, BigInteger validAfter, BigInteger validBefore, Nonce nonce) {
    // Field order is part of the type hash (EIP-712 §Definition of encodeType).
    private static final byte[] TYPE_HASH = Eip712.typeHash("TransferWithAuthorization(address from,address to,"
            + "uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)");
    private static final byte[] PREFIX = {0x19, 0x01};

    public TransferWithAuthorization {
        Eip712.require("authorization.from", from);
        Eip712.require("authorization.to", to);
        Eip712.requireUint256("authorization.value", value);
        Eip712.requireUint256("authorization.validAfter", validAfter);
        Eip712.requireUint256("authorization.validBefore", validBefore);
        Eip712.require("authorization.nonce", nonce);
    }

    public static byte[] typeHash() {
        return TYPE_HASH.clone();
    }

    /** {@code hashStruct(message)}, EIP-712 §Definition of hashStruct. */
    public byte[] structHash() {
        return new Eip712.Encoder(7)
                .bytes32(TYPE_HASH)
                .address(from)
                .address(to)
                .uint256(value)
                .uint256(validAfter)
                .uint256(validBefore)
                .bytes32(nonce.bytes())
                .hash();
    }

    /** The digest a signer signs: keccak256(0x19 0x01 ‖ domainSeparator ‖ hashStruct(message)), EIP-712 §Specification. */
    public byte[] digest(Eip712Domain domain) {
        byte[] input = new byte[PREFIX.length + 2 * Eip712.WORD];
        System.arraycopy(PREFIX, 0, input, 0, PREFIX.length);
        System.arraycopy(domain.separator(), 0, input, PREFIX.length, Eip712.WORD);
        System.arraycopy(structHash(), 0, input, PREFIX.length + Eip712.WORD, Eip712.WORD);
        return Keccak256.hash(input);
    }
}
