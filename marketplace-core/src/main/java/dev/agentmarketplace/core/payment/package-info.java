/**
 * Hires paid through x402. Start at {@link dev.agentmarketplace.core.payment.PaidHiring}: it quotes
 * a hire as a {@link dev.agentmarketplace.core.payment.PaymentOffer}, has a presented payment checked
 * by the {@link dev.agentmarketplace.core.payment.PaymentVerifier} port, records the hire and its
 * {@link dev.agentmarketplace.core.payment.Payment} together (the payment row is both the replay
 * guard and the settlement outbox), and settles through the {@link
 * dev.agentmarketplace.core.payment.Facilitator} port. {@link
 * dev.agentmarketplace.core.payment.SettlementReceipts} derives the platform-signed receipt of every
 * settlement, signed through the {@link dev.agentmarketplace.core.payment.ReceiptSigner} port.
 */
package dev.agentmarketplace.core.payment;
