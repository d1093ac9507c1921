package dev.agentmarketplace.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeId;
import dev.agentmarketplace.core.dispute.DisputeStatus;
import dev.agentmarketplace.core.dispute.EvidenceItem;
import dev.agentmarketplace.core.dispute.Resolution;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.ledger.Transition;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.Metadata;
import dev.agentmarketplace.core.reputation.ReputationEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShownTextTest {

    @ParameterizedTest
    @ValueSource(
            ints = {
                0x0000, 0x0007, 0x0009, 0x000A, 0x000D, 0x001B, 0x007F, 0x0085, 0x009F, 0x061C, 0x200E, 0x200F, 0x202A,
                0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069
            })
    void lineRefusesControlAndBidiCharactersNamingTheFieldAndTheCodePointNeverTheCharacter(int codePoint) {
        String raw = "Evil" + Character.toString(codePoint) + "gpj.exe";
        assertThatThrownBy(() -> ShownText.line("displayName", raw))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("displayName");
                    assertThat(e.getMessage())
                            .contains(String.format("U+%04X", codePoint))
                            .doesNotContain(Character.toString(codePoint));
                });
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        assertThatThrownBy(() -> ShownText.line("owner", "a\uD800b"))
                .isInstanceOfSatisfying(
                        InvalidValueException.class,
                        e -> assertThat(e.getMessage()).contains("U+D800"));
        assertThatThrownBy(() -> ShownText.multiline("reason", "a\uDC00"))
                .isInstanceOfSatisfying(
                        InvalidValueException.class,
                        e -> assertThat(e.getMessage()).contains("U+DC00"));
    }

    @Test
    void paragraphsKeepLineBreaksAndTabsButRefuseOtherControls() {
        assertThat(ShownText.multiline("evidence.text", "line one\r\n\tline two"))
                .isEqualTo("line one\r\n\tline two");
        assertThatThrownBy(() -> ShownText.multiline("evidence.text", "nul\u0000"))
                .isInstanceOfSatisfying(
                        InvalidValueException.class,
                        e -> assertThat(e.getMessage()).contains("U+0000"));
        assertThatThrownBy(() -> ShownText.multiline("evidence.text", "\u202Eright to left"))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void ordinaryUnicodeIsAccepted() {
        assertThatCode(() -> ShownText.line("displayName", "Ünïcødé 日本語 👩‍💻 عربي"))
                .doesNotThrowAnyException();
    }

    @Test
    void everyShownTextFieldOfTheDomainRefusesABidiOverride() {
        String evil = "a\u202Eb";
        assertRefused("capability", () -> Capability.of(evil));
        assertRefused("metadata", () -> Metadata.of(Map.of("region", evil)));
        assertRefused("metadata", () -> Metadata.of(Map.of(evil, "x")));
        assertRefused("evidence.text", () -> new EvidenceItem.Text(evil));
        assertRefused("evidence.url", () -> EvidenceItem.Link.of("https://example.org/" + evil));
        assertRefused("displayName", () -> agent(evil, "acme"));
        assertRefused("owner", () -> agent("Agent", evil));
        assertRefused(
                "reason",
                () -> new ReputationEvent.OperatorAdjustment(
                        AgentId.of("a"), Instant.EPOCH, BigDecimal.ONE, evil, "op"));
        assertRefused(
                "reason",
                () -> new Dispute(
                        DisputeId.of(UUID.randomUUID()),
                        TransactionId.of(UUID.randomUUID().toString()),
                        AgentId.of("payer"),
                        AgentId.of("provider"),
                        AgentId.of("payer"),
                        evil,
                        List.of(),
                        Instant.EPOCH,
                        Instant.EPOCH,
                        DisputeStatus.OPEN,
                        Optional.empty(),
                        0));
        assertRefused(
                "note",
                () -> new Resolution(new DisputeOutcome.ProviderUpheld(), Actor.operator("op"), Instant.EPOCH, evil));
        assertRefused(
                "context",
                () -> new HireRequest(
                        AgentId.of("payer"),
                        AgentId.of("provider"),
                        Capability.of("python"),
                        Money.of("1.00", "USDC"),
                        evil,
                        IdempotencyKey.of(UUID.randomUUID().toString())));
        assertRefused(
                "note",
                () -> new Transition(
                        Optional.empty(), TransactionState.PENDING, Actor.operator("op"), Instant.EPOCH, evil));
    }

    @Test
    void aDomainErrorMessageNeverCarriesARawControlOrBidiCharacter() {
        InvalidValueException e = new InvalidValueException("agentId", "'x\u202Ey\u0000' is not an id");
        assertThat(e.getMessage()).isEqualTo("agentId: 'xU+202EyU+0000' is not an id");
    }

    private static Agent agent(String displayName, String owner) {
        return new Agent(
                AgentId.of("a"),
                displayName,
                owner,
                new TreeSet<>(Set.of(Capability.of("python"))),
                Money.of("1.00", "USDC"),
                Agents.WALLET,
                Availability.ONLINE,
                Instant.EPOCH,
                1,
                Metadata.EMPTY,
                Instant.EPOCH,
                Optional.empty(),
                0);
    }

    @Test
    void paragraphEscapingKeepsLineBreaksAndWritesOtherControlsAsCodePoints() {
        assertThat(ShownText.escapedParagraph("one\ntwo\tthree\u202Efour\u0007"))
                .isEqualTo("one\ntwo\tthreeU+202EfourU+0007");
        assertThat(ShownText.escaped("one\ntwo")).isEqualTo("oneU+000Atwo");
        assertThat(ShownText.escapedParagraph(null)).isNull();
    }

    private static void assertRefused(String field, Runnable construction) {
        assertThatThrownBy(construction::run).isInstanceOfSatisfying(InvalidValueException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains("U+202E").doesNotContain("\u202E");
        });
    }
}
