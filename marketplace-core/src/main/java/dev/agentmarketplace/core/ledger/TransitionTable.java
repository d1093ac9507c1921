package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import java.util.Optional;

/**
 * The lifecycle of ARCHITECTURE.md as a pure table: PENDING → SETTLED | CANCELLED | DISPUTED;
 * SETTLED → DISPUTED; DISPUTED → RESOLVED. CANCELLED and RESOLVED are final; every other move is
 * refused.
 */
public final class TransitionTable {
    private TransitionTable() {}

    /** Where {@code move} takes a transaction that is {@code current}, or empty when it is not allowed. */
    public static Optional<TransactionState> target(TransactionState current, LedgerMove move) {
        return switch (current) {
            case PENDING ->
                switch (move) {
                    case SETTLE -> Optional.of(TransactionState.SETTLED);
                    case CANCEL, EXPIRE -> Optional.of(TransactionState.CANCELLED);
                    case DISPUTE -> Optional.of(TransactionState.DISPUTED);
                    case RESOLVE -> Optional.empty();
                };
            case SETTLED ->
                switch (move) {
                    case DISPUTE -> Optional.of(TransactionState.DISPUTED);
                    case SETTLE, CANCEL, EXPIRE, RESOLVE -> Optional.empty();
                };
            case DISPUTED ->
                switch (move) {
                    case RESOLVE -> Optional.of(TransactionState.RESOLVED);
                    case SETTLE, CANCEL, EXPIRE, DISPUTE -> Optional.empty();
                };
            case CANCELLED, RESOLVED -> Optional.empty();
        };
    }

    /**
     * Like {@link #target}, but refuses an illegal move.
     *
     * @throws ConflictException with {@code ILLEGAL_TRANSITION}, naming the current state and the move
     */
    public static TransactionState next(TransactionId id, TransactionState current, LedgerMove move) {
        return target(current, move)
                .orElseThrow(() -> new ConflictException(
                        ErrorCode.ILLEGAL_TRANSITION,
                        "cannot " + move.verb() + " transaction '" + id + "': it is " + current));
    }
}
