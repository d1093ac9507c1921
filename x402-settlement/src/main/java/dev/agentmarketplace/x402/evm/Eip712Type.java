package dev.agentmarketplace.x402.evm;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The member types {@link Eip712Struct} can encode: the atomic types the x402 authorization, the
 * token domain and the platform's receipts use, plus {@code string}, the one dynamic type they need
 * (EIP-712 §Definition of typed structured data). Arrays and nested structs are not supported.
 */
public enum Eip712Type {
    STRING("string"),
    ADDRESS("address"),
    UINT8("uint8"),
    UINT256("uint256"),
    BYTES32("bytes32");

    private final String solidityName;

    Eip712Type(String solidityName) {
        this.solidityName = solidityName;
    }

    /** The name as it appears in a type string and in the {@code types} object of a JSON typed-data request. */
    public String solidityName() {
        return solidityName;
    }

    static Eip712Type named(String solidityName) {
        return Arrays.stream(values())
                .filter(type -> type.solidityName.equals(solidityName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unsupported EIP-712 member type '" + solidityName
                        + "' (supported: string, address, uint8, uint256, bytes32)"));
    }

    /** The exclusive upper bound of an unsigned integer type: 2^bits. */
    BigInteger uintLimit() {
        return switch (this) {
            case UINT8 -> BigInteger.ONE.shiftLeft(8);
            case UINT256 -> Eip712.UINT256_LIMIT;
            case STRING, ADDRESS, BYTES32 -> throw new IllegalStateException(solidityName + " is not an integer type");
        };
    }
}
