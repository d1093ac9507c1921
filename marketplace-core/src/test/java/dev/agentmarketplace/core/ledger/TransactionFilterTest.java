package dev.agentmarketplace.core.ledger;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.InvalidValueException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TransactionFilterTest {
    @Test
    void timeRangeMustStartBeforeItEnds() {
        Instant t = Instant.parse("2026-11-26T08:00:00Z");

        assertThatThrownBy(() -> TransactionFilter.ALL.between(t, t))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("from: must be before 'to', was 2026-11-26T08:00:00Z / 2026-11-26T08:00:00Z");
    }
}
