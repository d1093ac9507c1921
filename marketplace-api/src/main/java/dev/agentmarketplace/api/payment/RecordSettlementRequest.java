package dev.agentmarketplace.api.payment;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The chain transaction an operator found for a payment whose outcome was unknown. */
@Schema(name = "RecordSettlement")
public record RecordSettlementRequest(
        @Schema(
                description = "The hash of the chain transaction that settled the payment: 0x and 64 hex digits",
                examples = "0x4c3e9a0f5d1b2c8e7a6f90b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1")
        @NotNull @Size(min = 1, max = 200) String chainTransaction) {}
