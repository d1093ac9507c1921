package dev.agentmarketplace.x402.evm;

/**
 * The cryptographic half of verifying an x402 {@code exact} EVM payment: the signature over the
 * EIP-712 digest must come from the authorization's {@code from}. Payee, amount, time window, asset,
 * network and nonce reuse are checked against the payment requirements by the protocol layer.
 */
public final class AuthorizationVerifier {
    /**
     * Returns the recovered signer, which equals {@code authorization.from()}; throws {@link
     * EvmPayloadException} with reason {@code invalid_exact_evm_payload_signature} otherwise.
     */
    public EvmAddress verifySignature(
            Eip712Domain domain, TransferWithAuthorization authorization, Signature signature) {
        EvmAddress signer = Secp256k1.recover(authorization.digest(domain), signature);
        if (!signer.equals(authorization.from())) {
            throw EvmPayloadException.invalidSignature("signed by " + signer + ", not by authorization.from "
                    + authorization.from() + " (wrong key, wrong domain name/version/chain/token, or altered fields)");
        }
        return signer;
    }
}
