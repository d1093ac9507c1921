package dev.agentmarketplace.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.WalletAddress;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettlementReceiptTest {
    private static final WalletAddress WALLET = WalletAddress.of("0x209693Bc6afc0C5328bA36FaF03C514EF312287C");

    private static SettlementReceipt receipt(Money amount, Optional<String> reference) {
        return new SettlementReceipt(
                TransactionId.of("0f8fad5b-d9cb-469f-a165-70867728950e"),
                AgentId.of("orchestrator"),
                AgentId.of("python-expert"),
                Capability.of("python"),
                amount,
                Optional.empty(),
                reference,
                Instant.parse("2026-12-01T13:45:07.654321Z"),
                "ab".repeat(32));
    }

    @Test
    void settledAtIsHeldInWholeSecondsAsItIsSigned() {
        assertThat(receipt(Money.of("1.50", "USDC"), Optional.empty()).settledAt())
                .isEqualTo(Instant.parse("2026-12-01T13:45:07Z"));
    }

    @Test
    void negativeAmountOrBlankReferenceCannotBeAReceipt() {
        assertThatThrownBy(() -> receipt(Money.of("-1.50", "USDC"), Optional.empty()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("amount");
        assertThatThrownBy(() -> receipt(Money.of("1.50", "USDC"), Optional.of(" ")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("settlementReference");
    }

    @Test
    void journalHashMustBeASha256InLowerCaseHex() {
        assertThatThrownBy(() -> new SettlementReceipt(
                        TransactionId.of("0f8fad5b-d9cb-469f-a165-70867728950e"),
                        AgentId.of("orchestrator"),
                        AgentId.of("python-expert"),
                        Capability.of("python"),
                        Money.of("1.50", "USDC"),
                        Optional.empty(),
                        Optional.empty(),
                        Instant.EPOCH,
                        "AB".repeat(32)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("journalHash");
    }

    @Test
    void paymentAlwaysNamesItsNetwork() {
        assertThatThrownBy(() -> new OnChainPayment(WALLET, WALLET, WALLET, "", "0x" + "1".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("network");
    }

    @Test
    void paymentNamesItsNetworkInCaip2FormWhateverVersionPaidIt() {
        // A version 1 payment names "base-sepolia"; its receipt says eip155:84532, as every other does.
        assertThatThrownBy(() -> new OnChainPayment(WALLET, WALLET, WALLET, "base-sepolia", "0x" + "1".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CAIP-2");
        assertThat(new OnChainPayment(WALLET, WALLET, WALLET, "eip155:84532", "0x" + "1".repeat(64)).network())
                .isEqualTo("eip155:84532");
    }
}
