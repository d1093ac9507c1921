package dev.agentmarketplace.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransitionTableTest {
    private static final TransactionId ID = TransactionId.of("00000000-0000-4000-8000-000000000001");

    /** ARCHITECTURE.md: PENDING → SETTLED | CANCELLED | DISPUTED; SETTLED → DISPUTED; DISPUTED → RESOLVED. */
    @Test
    void onlyTheDocumentedMovesAreAllowed() {
        Map<String, TransactionState> allowed = new HashMap<>();
        for (TransactionState state : TransactionState.values()) {
            for (LedgerMove move : LedgerMove.values()) {
                TransitionTable.target(state, move).ifPresent(to -> allowed.put(state + " " + move, to));
            }
        }

        assertThat(allowed)
                .isEqualTo(Map.of(
                        "PENDING SETTLE", TransactionState.SETTLED,
                        "PENDING CANCEL", TransactionState.CANCELLED,
                        "PENDING EXPIRE", TransactionState.CANCELLED,
                        "PENDING DISPUTE", TransactionState.DISPUTED,
                        "SETTLED DISPUTE", TransactionState.DISPUTED,
                        "DISPUTED RESOLVE", TransactionState.RESOLVED));
    }

    @Test
    void cancelledAndResolvedAreFinal() {
        for (LedgerMove move : LedgerMove.values()) {
            assertThat(TransitionTable.target(TransactionState.CANCELLED, move)).isEqualTo(Optional.empty());
            assertThat(TransitionTable.target(TransactionState.RESOLVED, move)).isEqualTo(Optional.empty());
        }
    }

    @Test
    void refusedMoveIsAnIllegalTransitionNamingStateAndMove() {
        assertThatThrownBy(() -> TransitionTable.next(ID, TransactionState.SETTLED, LedgerMove.CANCEL))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION);
                    assertThat(e.getMessage()).isEqualTo("cannot cancel transaction '" + ID + "': it is SETTLED");
                });
    }
}
