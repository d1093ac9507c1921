package dev.agentmarketplace.x402.evm;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Signs EIP-712 typed data with one secp256k1 private key held in memory: EIP-3009 authorizations for
 * an agent that pays from its own account, the platform's settlement receipts. The key never leaves
 * this object, and {@link #toString()} names only the address.
 */
public final class PrivateKeySigner {
    private static final Pattern KEY = Pattern.compile("0x[0-9a-fA-F]{64}");
    private final BigInteger privateKey;
    private final EvmAddress address;

    private PrivateKeySigner(BigInteger privateKey) {
        this.privateKey = privateKey;
        this.address = Secp256k1.addressOf(privateKey);
    }

    /**
     * From {@code 0x} + 64 hex, the form wallets export. A malformed key is refused without quoting
     * it: the message may reach a log, and even a mistyped key is most of a real one.
     */
    public static PrivateKeySigner fromHex(String privateKeyHex) {
        if (privateKeyHex == null || !KEY.matcher(privateKeyHex).matches()) {
            throw EvmPayloadException.invalidPayload(
                    "privateKey",
                    "not 0x and 64 hex digits ("
                            + (privateKeyHex == null ? "missing" : privateKeyHex.length() + " characters")
                            + ")");
        }
        return new PrivateKeySigner(
                new BigInteger(1, HexFormat.of().parseHex(privateKeyHex, 2, privateKeyHex.length())));
    }

    public EvmAddress address() {
        return address;
    }

    /**
     * Signs {@code authorization} for {@code domain}. Refuses an authorization from another account:
     * its signature could never verify, and the mistake is cheaper to see here than at the facilitator.
     */
    public Signature sign(Eip712Domain domain, TransferWithAuthorization authorization) {
        if (!authorization.from().equals(address)) {
            throw EvmPayloadException.invalidPayload(
                    "authorization.from", authorization.from() + " is not this signer's address " + address);
        }
        return Secp256k1.sign(privateKey, authorization.digest(domain));
    }

    /**
     * Signs the EIP-712 message whose {@code hashStruct} is {@code structHash} under the domain whose
     * separator is {@code domainSeparator}. Taking the two halves rather than a finished digest means
     * this key only ever signs EIP-712 typed data (EIP-712 §Specification), never an arbitrary hash
     * such as a transaction's.
     */
    public Signature signTypedData(byte[] domainSeparator, byte[] structHash) {
        return Secp256k1.sign(privateKey, Eip712Struct.digest(domainSeparator, structHash));
    }

    @Override
    public String toString() {
        return "PrivateKeySigner[" + address + "]";
    }
}
