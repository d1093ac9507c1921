package dev.agentmarketplace.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.testing.InMemoryAgentRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AgentCatalogTest {
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    private final AgentCatalog catalog =
            new AgentCatalog(new InMemoryAgentRepository(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void registeredAgentIsStampedWithTheClockAndCanBeFetched() {
        Agent registered = catalog.register(registration("py-1"));

        assertThat(registered.registeredAt()).isEqualTo(NOW);
        assertThat(registered.lastSeenAt()).isEqualTo(NOW);
        assertThat(registered.version()).isZero();
        assertThat(catalog.get(AgentId.of("py-1"))).isEqualTo(registered);
    }

    @Test
    void secondRegistrationOfAnIdIsAConflict() {
        catalog.register(registration("py-1"));

        assertThatThrownBy(() -> catalog.register(registration("py-1")))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AGENT_ALREADY_REGISTERED);
                    assertThat(e.getMessage()).isEqualTo("an agent with id 'py-1' is already registered");
                });
    }

    @Test
    void unknownAgentIsNotFound() {
        assertThatThrownBy(() -> catalog.get(AgentId.of("ghost")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AGENT_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("no agent has id 'ghost'");
                });
    }

    @Test
    void pageSizeOutsideTheBoundsIsRefused() {
        assertThatThrownBy(() -> catalog.list(Optional.empty(), 0))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("limit: must be between 1 and 200, was 0");
        assertThatThrownBy(() -> catalog.list(Optional.empty(), 201)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void lastPageHasNoCursor() {
        catalog.register(registration("a"));
        catalog.register(registration("b"));

        AgentPage page = catalog.list(Optional.empty(), 2);

        assertThat(page.agents()).extracting(agent -> agent.id().value()).containsExactly("a", "b");
        assertThat(page.nextCursor()).isEmpty();
    }

    @Property(tries = 50)
    void followingCursorsVisitsEveryAgentOnceInIdOrder(
            @ForAll @IntRange(min = 0, max = 30) int agentCount, @ForAll @IntRange(min = 1, max = 7) int pageSize) {
        AgentCatalog fresh = new AgentCatalog(new InMemoryAgentRepository(), Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < agentCount; i++) {
            fresh.register(registration("agent-%03d".formatted(i)));
        }

        List<String> seen = new ArrayList<>();
        Optional<AgentId> cursor = Optional.empty();
        do {
            AgentPage page = fresh.list(cursor, pageSize);
            assertThat(page.agents()).hasSizeLessThanOrEqualTo(pageSize);
            page.agents().forEach(agent -> seen.add(agent.id().value()));
            cursor = page.nextCursor();
        } while (cursor.isPresent());

        assertThat(seen).hasSize(agentCount).isSorted().doesNotHaveDuplicates();
    }

    private static AgentRegistration registration(String id) {
        return Agents.registration(id);
    }
}
