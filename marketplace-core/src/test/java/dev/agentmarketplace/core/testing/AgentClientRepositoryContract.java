package dev.agentmarketplace.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.access.AgentClient;
import dev.agentmarketplace.core.access.AgentClientRepository;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.registry.AgentId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link AgentClientRepository} adapter must do; persistence runs it against H2 and PostgreSQL. */
public abstract class AgentClientRepositoryContract {
    private static final int THREADS = 16;
    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00.654321Z");

    /** An adapter holding no clients. */
    protected abstract AgentClientRepository clients();

    private static AgentClient client(String agent, Role... extraRoles) {
        return new AgentClient(AgentId.of(agent), Set.of(extraRoles), "admin-1", T0);
    }

    @Test
    void addedClientsRoundTripWithTheirRoles() {
        AgentClientRepository clients = clients();
        AgentClient plain = client("py-expert");
        AgentClient operator = client("ops-bot", Role.OPERATOR);
        AgentClient admin = client("root-bot", Role.OPERATOR, Role.ADMIN);

        clients.add(plain);
        clients.add(operator);
        clients.add(admin);

        assertThat(clients.find(AgentId.of("py-expert"))).contains(plain);
        assertThat(clients.find(AgentId.of("ops-bot"))).contains(operator);
        assertThat(clients.find(AgentId.of("root-bot")))
                .hasValueSatisfying(found ->
                        assertThat(found.roles()).containsExactlyInAnyOrder(Role.AGENT, Role.OPERATOR, Role.ADMIN));
        assertThat(clients.find(AgentId.of("nobody"))).isEmpty();
    }

    @Test
    void secondClientOfAnAgentIsRefusedAndKeepsTheFirst() {
        AgentClientRepository clients = clients();
        clients.add(client("py-expert"));

        assertThatThrownBy(() -> clients.add(client("py-expert", Role.ADMIN)))
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CLIENT_ALREADY_EXISTS));
        assertThat(clients.find(AgentId.of("py-expert"))).contains(client("py-expert"));
    }

    @Test
    void clientsAreListedInAgentIdOrderAfterTheCursor() {
        AgentClientRepository clients = clients();
        for (String agent : List.of("delta", "alpha", "charlie", "bravo")) {
            clients.add(client(agent));
        }

        assertThat(clients.list(Optional.empty(), 10))
                .extracting(client -> client.agent().value())
                .containsExactly("alpha", "bravo", "charlie", "delta");
        assertThat(clients.list(Optional.empty(), 2))
                .extracting(client -> client.agent().value())
                .containsExactly("alpha", "bravo");
        assertThat(clients.list(Optional.of(AgentId.of("bravo")), 10))
                .extracting(client -> client.agent().value())
                .containsExactly("charlie", "delta");
        assertThat(clients.list(Optional.of(AgentId.of("bz")), 1))
                .extracting(client -> client.agent().value())
                .containsExactly("charlie");
        assertThat(clients.list(Optional.of(AgentId.of("delta")), 10)).isEmpty();
    }

    @Test
    void ofConcurrentAddsForOneAgentExactlyOneSucceeds() throws InterruptedException {
        AgentClientRepository clients = clients();

        List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(THREADS, thread -> {
            clients.add(client("contended"));
            return true;
        });

        assertThat(outcomes).filteredOn(Concurrently.Outcome::succeeded).hasSize(1);
        assertThat(outcomes)
                .filteredOn(outcome -> !outcome.succeeded())
                .hasSize(THREADS - 1)
                .allSatisfy(outcome -> assertThat(outcome.failure())
                        .isInstanceOfSatisfying(
                                ConflictException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.CLIENT_ALREADY_EXISTS)));
        assertThat(clients.find(AgentId.of("contended"))).contains(client("contended"));
    }

    @Test
    void accessChangesAreStoredAndReadBack() {
        AgentClientRepository clients = clients();
        clients.add(client("py-expert", Role.OPERATOR));
        AgentClient.Disablement disablement = new AgentClient.Disablement("admin-2", T0.plusSeconds(60));

        Optional<AgentClient> disabled =
                clients.setAccess(AgentId.of("py-expert"), Optional.of(disablement), Optional.empty());
        Optional<AgentClient> enabled =
                clients.setAccess(AgentId.of("py-expert"), Optional.empty(), Optional.of(T0.plusSeconds(120)));

        AgentClient created = client("py-expert", Role.OPERATOR);
        assertThat(disabled)
                .contains(new AgentClient(
                        created.agent(),
                        created.roles(),
                        created.createdBy(),
                        created.createdAt(),
                        Optional.of(disablement),
                        Optional.empty()));
        assertThat(enabled)
                .contains(new AgentClient(
                        created.agent(),
                        created.roles(),
                        created.createdBy(),
                        created.createdAt(),
                        Optional.empty(),
                        Optional.of(T0.plusSeconds(120))));
        assertThat(clients.find(AgentId.of("py-expert"))).isEqualTo(enabled);
    }

    @Test
    void accessOfAnAgentWithoutAClientChangesNothing() {
        AgentClientRepository clients = clients();

        assertThat(clients.setAccess(
                        AgentId.of("nobody"),
                        Optional.of(new AgentClient.Disablement("admin-1", T0)),
                        Optional.empty()))
                .isEmpty();
        assertThat(clients.find(AgentId.of("nobody"))).isEmpty();
    }
}
