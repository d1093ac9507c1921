package dev.agentmarketplace.api.payment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The OpenAPI shape of a signed receipt, which the x402-settlement module writes itself (so an answer
 * and an export line are the same bytes): the EIP-712 message of type SettlementReceipt, then the
 * signature and its signer.
 */
@Schema(
        name = "SignedSettlementReceipt",
        description = "EIP-712 message of type SettlementReceipt (domain {name: \"Agent Marketplace\", version:"
                + " \"1\"}), its signature and the signer")
public record ReceiptLineSchema(
        @Schema(examples = "0f8fad5b-d9cb-469f-a165-70867728950e")
        String transactionId,

        @Schema(description = "The paying agent", examples = "orchestrator")
        String payer,

        @Schema(description = "The hired agent", examples = "python-expert")
        String provider,

        @Schema(examples = "python") String capability,

        @Schema(description = "uint256: what the payer paid, in minor units, as a decimal string", examples = "1500000")
        String paid,

        @Schema(
                description = "uint256: what a resolved dispute refunded to the payer, in minor units; \"0\" if none",
                examples = "600000")
        String refunded,

        @Schema(description = "uint256: paid - refunded, in minor units", examples = "900000")
        String net,

        @Schema(examples = "USDC") String currency,

        @Schema(description = "uint8: decimals of the currency", examples = "6")
        int decimals,

        @Schema(
                description = "x402: settled through an x402 payment on chain; off-chain: settled by hand by the payer"
                        + " or an operator (no payment, no chain transaction)",
                enumeration = {"x402", "off-chain"})
        String method,

        @Schema(description = "The wallet that paid through x402; the zero address off chain")
        String payerWallet,

        @Schema(description = "The wallet paid through x402; the zero address off chain")
        String payTo,

        @Schema(description = "The token paid; the zero address off chain")
        String asset,

        @Schema(description = "CAIP-2 network, also for an x402 v1 payment; empty off chain", examples = "eip155:84532")
        String network,

        @Schema(description = "bytes32: the EIP-3009 nonce; zero off chain")
        String paymentNonce,

        @Schema(description = "The chain's transaction of an x402 settlement; empty off chain")
        String chainTransaction,

        @Schema(description = "The reference given with an off-chain settlement (the settler's own); empty for x402")
        String offChainReference,

        @Schema(description = "uint256: when it was settled, in Unix seconds, as a decimal string")
        String settledAt,

        @Schema(description = "bytes32: hash of the journal entry that posted the settlement")
        String journalHash,

        @Schema(description = "0x and 130 hex digits: r, s, v (27 or 28)")
        String signature,

        @Schema(description = "The platform's signing address")
        String signer) {}
