/**
 * Reputation: what moves it ({@link dev.agentmarketplace.core.reputation.ReputationEvent}), how it
 * is scored ({@link dev.agentmarketplace.core.reputation.ReputationCalculator}, whose comment has the
 * formula, tuned by {@link dev.agentmarketplace.core.reputation.ReputationPolicy}), and the service
 * that records events and refuses feedback that is not backed by a settled, undisputed hire
 * ({@link dev.agentmarketplace.core.reputation.ReputationService}). History and per-agent summaries
 * go through the {@link dev.agentmarketplace.core.reputation.ReputationRepository} port.
 */
package dev.agentmarketplace.core.reputation;
