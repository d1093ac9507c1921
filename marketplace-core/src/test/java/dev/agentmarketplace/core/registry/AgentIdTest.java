package dev.agentmarketplace.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentIdTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "python-expert",
                "Agent_42",
                "0123456789012345678901234567890123456789012345678901234567890123"
            })
    void acceptsOneToSixtyFourLettersDigitsUnderscoresAndHyphens(String raw) {
        assertThat(AgentId.of(raw).value()).isEqualTo(raw);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                " ",
                "has space",
                "dot.ted",
                "slash/ed",
                "émile",
                "01234567890123456789012345678901234567890123456789012345678901234"
            })
    void refusesAnythingElseNamingTheFieldAndTheRule(String raw) {
        assertThatThrownBy(() -> AgentId.of(raw)).isInstanceOfSatisfying(InvalidValueException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
            assertThat(e.field()).isEqualTo("agentId");
            assertThat(e.getMessage()).contains("must be 1-64 letters, digits, '_' or '-'");
        });
    }
}
