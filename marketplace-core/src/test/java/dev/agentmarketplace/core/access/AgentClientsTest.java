package dev.agentmarketplace.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.testing.InMemoryAgentClientRepository;
import dev.agentmarketplace.core.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class AgentClientsTest {
    private static final Caller ADMIN = Caller.staff("root", Role.ADMIN);
    private static final AgentId PY = AgentId.of("py-expert");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T08:00:00.123456789Z"));
    private final InMemoryAgentClientRepository repository = new InMemoryAgentClientRepository();
    private final AgentClients clients = new AgentClients(repository, clock);

    private static void failsWith(Class<? extends DomainException> type, ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(type, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void adminCreatesAClientWhoseTokensCarryTheAgentRoleAndTheExtraRoles() {
        AgentClient created = clients.create(ADMIN, PY, Set.of(Role.OPERATOR));

        assertThat(created.agent()).isEqualTo(PY);
        assertThat(created.roles()).containsExactlyInAnyOrder(Role.AGENT, Role.OPERATOR);
        assertThat(created.createdBy()).isEqualTo("root");
        // Stored instants carry microseconds at most, as the database keeps them.
        assertThat(created.createdAt()).isEqualTo(Instant.parse("2026-11-26T08:00:00.123456Z"));
        assertThat(clients.get(ADMIN, PY)).isEqualTo(created);
    }

    @Test
    void onlyAnAdminCreatesReadsOrListsClients() {
        for (Caller caller :
                List.of(Caller.staff("ops-1", Role.OPERATOR), Caller.agent(PY), Caller.agent(PY, Role.OPERATOR))) {
            failsWith(AccessDeniedException.class, ErrorCode.ROLE_REQUIRED, () -> clients.create(caller, PY, Set.of()));
            failsWith(AccessDeniedException.class, ErrorCode.ROLE_REQUIRED, () -> clients.get(caller, PY));
            failsWith(
                    AccessDeniedException.class,
                    ErrorCode.ROLE_REQUIRED,
                    () -> clients.list(caller, Optional.empty(), 10));
        }
        assertThat(repository.find(PY)).isEmpty();
    }

    @Test
    void secondClientForAnAgentIsAConflict() {
        clients.create(ADMIN, PY, Set.of());

        failsWith(
                ConflictException.class,
                ErrorCode.CLIENT_ALREADY_EXISTS,
                () -> clients.create(ADMIN, PY, Set.of(Role.ADMIN)));
        assertThat(clients.get(ADMIN, PY).roles()).containsExactly(Role.AGENT);
    }

    @Test
    void agentWithoutAClientIsNotFound() {
        failsWith(NotFoundException.class, ErrorCode.CLIENT_NOT_FOUND, () -> clients.get(ADMIN, PY));
    }

    @Test
    void listPagesInAgentIdOrderWithinTheMaximumPageSize() {
        clients.create(ADMIN, AgentId.of("b-agent"), Set.of());
        clients.create(ADMIN, AgentId.of("a-agent"), Set.of());
        clients.create(ADMIN, AgentId.of("c-agent"), Set.of());

        AgentClients.Page second = clients.list(ADMIN, Optional.of(AgentId.of("a-agent")), 1);
        assertThat(second.clients())
                .extracting(client -> client.agent().value())
                .containsExactly("b-agent");
        assertThat(second.nextCursor()).contains(AgentId.of("b-agent"));
        AgentClients.Page all = clients.list(ADMIN, Optional.empty(), AgentClients.MAX_PAGE_SIZE);
        assertThat(all.clients())
                .extracting(client -> client.agent().value())
                .containsExactly("a-agent", "b-agent", "c-agent");
        assertThat(all.nextCursor()).isEmpty();
        assertThatThrownBy(() -> clients.list(ADMIN, Optional.empty(), 0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> clients.list(ADMIN, Optional.empty(), AgentClients.MAX_PAGE_SIZE + 1))
                .isInstanceOf(InvalidValueException.class);
    }
}
