package dev.agentmarketplace.x402.evm;

import java.math.BigInteger;

/**
 * Signs EIP-3009 authorizations with one secp256k1 private key held in memory, for an agent that pays
 * from its own account. The key never leaves this object, and {@link #toString()} names only the
 * address.
 */
public final class PrivateKeySigner {
    private final BigInteger privateKey;
    private final EvmAddress address;

    private PrivateKeySigner(BigInteger privateKey) {
        this.privateKey = privateKey;
        this.address = Secp256k1.addressOf(privateKey);
    }

    /** From {@code 0x} + 64 hex, the form wallets export. */
    public static PrivateKeySigner fromHex(String privateKeyHex) {
        byte[] bytes = Hex.decode("privateKey", privateKeyHex, 32, EvmPayloadException.Reason.INVALID_PAYLOAD);
        return new PrivateKeySigner(new BigInteger(1, bytes));
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

    @Override
    public String toString() {
        return "PrivateKeySigner[" + address + "]";
    }
}
