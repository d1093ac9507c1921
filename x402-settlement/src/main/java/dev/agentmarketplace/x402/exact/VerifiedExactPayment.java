package dev.agentmarketplace.x402.exact;

import dev.agentmarketplace.x402.evm.Eip712Domain;
import dev.agentmarketplace.x402.evm.EvmAddress;
import dev.agentmarketplace.x402.evm.TransferWithAuthorization;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.protocol.PaymentPayload;
import dev.agentmarketplace.x402.protocol.PaymentPayloadV1;
import dev.agentmarketplace.x402.protocol.PaymentRequirements;
import dev.agentmarketplace.x402.protocol.PaymentRequirementsV1;
import dev.agentmarketplace.x402.protocol.SignedPayment;
import dev.agentmarketplace.x402.protocol.X402Json;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An {@code exact} EVM payment that answers one of the offered requirements: the requirement it
 * matched, and its authorization, signed by {@code from} for the token's EIP-712 domain. Whether
 * the payer holds the funds, and whether the nonce is still unused, only the chain can tell.
 */
public sealed interface VerifiedExactPayment {

    int x402Version();

    SignedPayment payment();

    /** The authorization, its addresses in EIP-55 spelling and its nonce in lower case. */
    TransferWithAuthorization authorization();

    /** The domain the signature was checked in: the token's name and version, chain id, token. */
    Eip712Domain domain();

    /** The matched requirement as JSON, for the facilitator's {@code paymentRequirements}. */
    JsonObject requirementsJson();

    /** Who signed, and pays. */
    default EvmAddress payer() {
        return authorization().from();
    }

    /** Who is paid: the requirement's {@code payTo}. */
    default EvmAddress payTo() {
        return authorization().to();
    }

    /** The amount in the token's atomic units: exactly the requirement's. */
    default BigInteger amount() {
        return authorization().value();
    }

    /** The token contract. */
    default EvmAddress asset() {
        return domain().verifyingContract();
    }

    /** The network as CAIP-2, in either version ({@code eip155:84532}). */
    default String network() {
        return "eip155:" + domain().chainId();
    }

    /** A version 2 payment and the {@code accepts} entry its {@code accepted} copies. */
    record V2(
            PaymentPayload payment,
            PaymentRequirements requirements,
            TransferWithAuthorization authorization,
            Eip712Domain domain)
            implements VerifiedExactPayment {

        public V2 {
            Objects.requireNonNull(payment, "payment");
            Objects.requireNonNull(requirements, "requirements");
            Objects.requireNonNull(authorization, "authorization");
            Objects.requireNonNull(domain, "domain");
        }

        @Override
        public int x402Version() {
            return PaymentPayload.VERSION;
        }

        @Override
        public JsonObject requirementsJson() {
            return X402Json.write(requirements);
        }
    }

    /** A version 1 payment and the {@code accepts} entry of its scheme and network. */
    record V1(
            PaymentPayloadV1 payment,
            PaymentRequirementsV1 requirements,
            TransferWithAuthorization authorization,
            Eip712Domain domain)
            implements VerifiedExactPayment {

        public V1 {
            Objects.requireNonNull(payment, "payment");
            Objects.requireNonNull(requirements, "requirements");
            Objects.requireNonNull(authorization, "authorization");
            Objects.requireNonNull(domain, "domain");
        }

        @Override
        public int x402Version() {
            return PaymentPayloadV1.VERSION;
        }

        @Override
        public JsonObject requirementsJson() {
            return X402Json.write(requirements);
        }
    }
}
