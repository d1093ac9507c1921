package dev.agentmarketplace.dashboard.payment;

import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.payment.Payment;

/**
 * A payment as the page shows it, with its amount in the platform's token and whether its payer is
 * deregistered (issue 12: shown as such).
 */
public record PaymentRow(Payment payment, Money amount, boolean payerDeregistered) {}
