package dev.agentmarketplace.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.InvalidValueException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CapabilityTest {

    @Test
    void normalizesCaseAndWhitespace() {
        assertThat(Capability.of("  Code   Review\t")).isEqualTo(Capability.of("code review"));
    }

    @Test
    void refusesBlankNames() {
        assertThatThrownBy(() -> Capability.of(" \t "))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("capability: must not be blank");
    }

    @Test
    void refusesNamesLongerThanTheLimit() {
        assertThatThrownBy(() -> Capability.of("x".repeat(Capability.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("capability: must be at most 100 characters");
    }

    @Property
    void normalizingTwiceChangesNothing(@ForAll("names") String raw) {
        Capability once = Capability.of(raw);
        assertThat(Capability.of(once.name())).isEqualTo(once);
        assertThat(once.name()).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
        assertThat(once.name()).isEqualTo(once.name().toLowerCase(java.util.Locale.ROOT));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> names() {
        return net.jqwik.api.Arbitraries.strings()
                .withChars("aBc XyZ\t-_9")
                .ofMinLength(1)
                .ofMaxLength(40)
                .filter(s -> !s.isBlank());
    }
}
