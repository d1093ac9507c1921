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
        return receipt(amount, Money.zero(amount.currency()), new SettlementMethod.OffChain(reference));
    }

    private static SettlementReceipt receipt(Money paid, Money refunded, SettlementMethod method) {
        return new SettlementReceipt(
                TransactionId.of("0f8fad5b-d9cb-469f-a165-70867728950e"),
                AgentId.of("orchestrator"),
                AgentId.of("python-expert"),
                Capability.of("python"),
                paid,
                refunded,
                method,
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
                .hasMessageContaining("paid");
        assertThatThrownBy(() -> receipt(Money.of("1.50", "USDC"), Optional.of(" ")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("reference");
    }

    @Test
    void refundIsBetweenNothingAndWhatWasPaidInItsCurrency() {
        SettlementMethod byHand = new SettlementMethod.OffChain(Optional.empty());
        assertThat(receipt(Money.of("1.50", "USDC"), Money.of("0.50", "USDC"), byHand)
                        .net())
                .isEqualTo(Money.of("1.00", "USDC"));
        assertThatThrownBy(() -> receipt(Money.of("1.50", "USDC"), Money.of("1.51", "USDC"), byHand))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("refunded");
        assertThatThrownBy(() -> receipt(Money.of("1.50", "USDC"), Money.of("-0.01", "USDC"), byHand))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("refunded");
        assertThatThrownBy(() -> receipt(Money.of("1.50", "USDC"), Money.of("0.50", "EUR"), byHand))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("refunded");
    }

    @Test
    void anX402SettlementNamesItsChainTransactionAndAnOffChainOneNone() {
        OnChainPayment payment = new OnChainPayment(WALLET, WALLET, WALLET, "eip155:84532", "0x" + "1".repeat(64));
        SettlementReceipt x402 = receipt(
                Money.of("1.50", "USDC"),
                Money.zero(Money.of("1", "USDC").currency()),
                new SettlementMethod.X402(payment, "0x" + "cd".repeat(32)));

        assertThat(x402.payment()).contains(payment);
        assertThat(x402.method().code()).isEqualTo("x402");
        assertThat(receipt(Money.of("1.50", "USDC"), Optional.of("wire-1")).payment())
                .isEmpty();
        assertThatThrownBy(() -> new SettlementMethod.X402(payment, " "))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("chainTransaction");
    }

    @Test
    void journalHashMustBeASha256InLowerCaseHex() {
        assertThatThrownBy(() -> new SettlementReceipt(
                        TransactionId.of("0f8fad5b-d9cb-469f-a165-70867728950e"),
                        AgentId.of("orchestrator"),
                        AgentId.of("python-expert"),
                        Capability.of("python"),
                        Money.of("1.50", "USDC"),
                        Money.of("0", "USDC"),
                        new SettlementMethod.OffChain(Optional.empty()),
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
