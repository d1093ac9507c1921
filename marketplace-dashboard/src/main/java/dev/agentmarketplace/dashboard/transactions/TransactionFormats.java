package dev.agentmarketplace.dashboard.transactions;

import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.payment.SettlementMethod;
import io.quarkus.qute.TemplateExtension;

/** Formatting helpers for the transaction pages: who moved a transaction, and how it was settled. */
@TemplateExtension
public class TransactionFormats {
    private TransactionFormats() {}

    /** "agent orchestrator", "operator ops-1", "platform: hold-timeout". */
    static String who(Actor actor) {
        return switch (actor.kind()) {
            case AGENT -> "agent " + actor.id();
            case OPERATOR -> "operator " + actor.id();
            case SYSTEM -> "platform: " + actor.id();
        };
    }

    /** The chain's transaction of an x402 settlement; empty for one off chain. */
    static String chainTransaction(SettlementMethod method) {
        return switch (method) {
            case SettlementMethod.X402 x402 -> x402.chainTransaction();
            case SettlementMethod.OffChain offChain -> "";
        };
    }

    /** The settler's own reference of a settlement off chain; empty for one through x402. */
    static String offChainReference(SettlementMethod method) {
        return switch (method) {
            case SettlementMethod.X402 x402 -> "";
            case SettlementMethod.OffChain offChain -> offChain.reference().orElse("");
        };
    }
}
