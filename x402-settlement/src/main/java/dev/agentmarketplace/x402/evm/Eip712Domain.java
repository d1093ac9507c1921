package dev.agentmarketplace.x402.evm;

import java.math.BigInteger;

/**
 * The EIP-712 domain of a token's EIP-3009 signatures. {@code name} and {@code version} must be the
 * token contract's own (x402 takes them from the requirements' {@code extra}): Base Sepolia USDC is
 * "USDC", Base mainnet USDC is "USD Coin", and any other spelling makes every signature fail.
 */
public record Eip712Domain(String name, String version, BigInteger chainId, EvmAddress verifyingContract) {
    private static final Eip712Struct TYPE =
            Eip712Struct.parse("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    public Eip712Domain {
        if (name == null || name.isEmpty()) {
            throw EvmPayloadException.invalidPayload("domain.name", "missing (the token's EIP-712 name)");
        }
        if (version == null || version.isEmpty()) {
            throw EvmPayloadException.invalidPayload("domain.version", "missing (the token's EIP-712 version)");
        }
        Eip712.requireUint256("domain.chainId", chainId);
        Eip712.require("domain.verifyingContract", verifyingContract);
    }

    public static byte[] typeHash() {
        return TYPE.typeHash();
    }

    /** {@code hashStruct(domain)}, EIP-712 §Definition of domainSeparator. */
    public byte[] separator() {
        return TYPE.encoder()
                .string("name", name)
                .string("version", version)
                .uint("chainId", chainId)
                .address("verifyingContract", verifyingContract)
                .hash();
    }
}
