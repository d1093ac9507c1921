package dev.agentmarketplace.core.reputation;

import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.ledger.Transition;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.testing.InMemoryTransactionRepository;
import dev.agentmarketplace.core.testing.InMemoryUnitOfWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts transactions with exactly the timeline a reputation test needs into the ledger's in-memory
 * repository, without running the ledger's moves.
 */
final class ReputationTestTransactions {
    final InMemoryTransactionRepository repository;
    private int counter;

    ReputationTestTransactions(InMemoryUnitOfWork unitOfWork) {
        repository = new InMemoryTransactionRepository(unitOfWork);
    }

    /** A transaction of {@code amount} from payer to provider that went through {@code states} after PENDING. */
    TransactionId add(AgentId payer, AgentId provider, Money amount, Instant at, TransactionState... states) {
        counter++;
        TransactionId id = TransactionId.of(String.format("00000000-0000-4000-8000-%012d", counter));
        List<Transition> timeline = new ArrayList<>();
        timeline.add(new Transition(Optional.empty(), TransactionState.PENDING, Actor.agent(payer), at, "hire"));
        TransactionState state = TransactionState.PENDING;
        for (TransactionState next : states) {
            timeline.add(new Transition(Optional.of(state), next, Actor.system("test"), at, ""));
            state = next;
        }
        repository.add(new Transaction(
                id,
                payer,
                provider,
                Capability.of("python"),
                amount,
                "",
                IdempotencyKey.of("key-" + String.format("%012d", counter)),
                state,
                timeline,
                Optional.empty(),
                Optional.empty(),
                0));
        return id;
    }
}
