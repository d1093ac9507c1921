package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.ledger.Transition;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.Metadata;
import dev.agentmarketplace.core.registry.WalletAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Values the ledger and dispute contract suites store, built through public constructors only. */
public final class LedgerContractData {
    public static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
    public static final WalletAddress WALLET = WalletAddress.of("0x209693Bc6afc0C5328bA36FaF03C514EF312287C");

    private LedgerContractData() {}

    public static Agent agent(String id) {
        return new Agent(
                AgentId.of(id),
                "Agent " + id,
                "owner",
                new TreeSet<>(List.of(Capability.of("python"), Capability.of("rust"))),
                Money.of("1.00", "USDC"),
                WALLET,
                Availability.ONLINE,
                T0,
                100,
                Metadata.EMPTY,
                T0,
                Optional.empty(),
                0);
    }

    public static TransactionId txId(int n) {
        return TransactionId.of("00000000-0000-4000-8000-%012d".formatted(n));
    }

    public static IdempotencyKey key(int n) {
        return IdempotencyKey.of("contract-key-%06d".formatted(n));
    }

    /** A PENDING hire created at {@code createdAt}. */
    public static Transaction pending(
            int n, String payer, String provider, String capability, String amount, Instant createdAt) {
        return new Transaction(
                txId(n),
                AgentId.of(payer),
                AgentId.of(provider),
                Capability.of(capability),
                Money.of(amount, "USDC"),
                "context " + n,
                key(n),
                TransactionState.PENDING,
                List.of(new Transition(
                        Optional.empty(),
                        TransactionState.PENDING,
                        Actor.agent(AgentId.of(payer)),
                        createdAt,
                        "hired")),
                Optional.empty(),
                Optional.empty(),
                0);
    }

    /** {@code tx} after a move to {@code to} at {@code at}, with the given reference and outcome. */
    public static Transaction moved(
            Transaction tx,
            TransactionState to,
            Actor actor,
            Instant at,
            Optional<String> reference,
            Optional<DisputeOutcome> outcome) {
        List<Transition> steps = new ArrayList<>(tx.timeline());
        steps.add(new Transition(Optional.of(tx.state()), to, actor, at, "moved to " + to));
        return new Transaction(
                tx.id(),
                tx.payer(),
                tx.provider(),
                tx.capability(),
                tx.amount(),
                tx.context(),
                tx.idempotencyKey(),
                to,
                steps,
                reference.or(tx::settlementReference),
                outcome.or(tx::outcome),
                tx.version());
    }
}
