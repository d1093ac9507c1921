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

    @Test
    void disabledClientsTokensAreRefusedWhateverTheirAgeAndOthersAreNot() {
        clients.create(ADMIN, PY, Set.of());
        clients.create(ADMIN, AgentId.of("other"), Set.of());
        Instant issued = clock.instant().minusSeconds(30);

        AgentClient disabled = clients.disable(ADMIN, PY);

        assertThat(disabled.disabled())
                .contains(new AgentClient.Disablement("root", Instant.parse("2026-11-26T08:00:00.123456Z")));
        assertThat(clients.acceptsToken(PY, issued)).isFalse();
        assertThat(clients.acceptsToken(PY, clock.instant().plusSeconds(3600))).isFalse();
        assertThat(clients.acceptsToken(AgentId.of("other"), issued)).isTrue();
        assertThat(clients.get(ADMIN, PY)).isEqualTo(disabled);
    }

    @Test
    void anAgentWithoutAClientHereKeepsItsTokens() {
        assertThat(clients.acceptsToken(PY, clock.instant())).isTrue();
    }

    @Test
    void enablingAgainAcceptsOnlyTokensIssuedFromThenOn() {
        clients.create(ADMIN, PY, Set.of());
        Instant leakedTokenIssued = clock.instant();
        clients.disable(ADMIN, PY);
        clock.advance(java.time.Duration.ofMinutes(5));

        AgentClient enabled = clients.enable(ADMIN, PY);

        assertThat(enabled.isDisabled()).isFalse();
        assertThat(clients.acceptsToken(PY, leakedTokenIssued)).isFalse();
        // A token's iat is whole seconds: one minted in the second of the enablement counts.
        assertThat(clients.acceptsToken(PY, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                .isTrue();
        assertThat(clients.acceptsToken(PY, clock.instant().plusSeconds(1))).isTrue();
    }

    @Test
    void disablingOrEnablingTwiceChangesNothingMore() {
        clients.create(ADMIN, PY, Set.of());
        AgentClient first = clients.disable(ADMIN, PY);
        clock.advance(java.time.Duration.ofMinutes(1));

        assertThat(clients.disable(Caller.staff("root-2", Role.ADMIN), PY)).isEqualTo(first);
        AgentClient enabled = clients.enable(ADMIN, PY);
        clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(clients.enable(ADMIN, PY)).isEqualTo(enabled);
    }

    @Test
    void onlyAnAdminDisablesOrEnablesAndAnUnknownClientIsNotFound() {
        clients.create(ADMIN, PY, Set.of());
        for (Caller caller : List.of(Caller.staff("ops-1", Role.OPERATOR), Caller.agent(PY))) {
            failsWith(AccessDeniedException.class, ErrorCode.ROLE_REQUIRED, () -> clients.disable(caller, PY));
            failsWith(AccessDeniedException.class, ErrorCode.ROLE_REQUIRED, () -> clients.enable(caller, PY));
        }
        assertThat(clients.get(ADMIN, PY).isDisabled()).isFalse();
        failsWith(
                NotFoundException.class, ErrorCode.CLIENT_NOT_FOUND, () -> clients.disable(ADMIN, AgentId.of("ghost")));
        failsWith(
                NotFoundException.class, ErrorCode.CLIENT_NOT_FOUND, () -> clients.enable(ADMIN, AgentId.of("ghost")));
    }

    @Test
    void anAdminMintsTokensForAnEnabledClientOnly() {
        AgentClients minting = new AgentClients(
                repository,
                clock,
                client -> new ClientTokenMinter.IssuedToken("token-of-" + client.agent(), clock.instant()));
        minting.create(ADMIN, PY, Set.of());

        assertThat(minting.mintToken(ADMIN, PY).token()).isEqualTo("token-of-py-expert");
        failsWith(
                AccessDeniedException.class,
                ErrorCode.ROLE_REQUIRED,
                () -> minting.mintToken(Caller.staff("ops-1", Role.OPERATOR), PY));
        failsWith(
                NotFoundException.class,
                ErrorCode.CLIENT_NOT_FOUND,
                () -> minting.mintToken(ADMIN, AgentId.of("ghost")));
        minting.disable(ADMIN, PY);
        failsWith(ConflictException.class, ErrorCode.CLIENT_DISABLED, () -> minting.mintToken(ADMIN, PY));
    }
}
