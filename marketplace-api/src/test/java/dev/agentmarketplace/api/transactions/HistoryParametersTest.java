package dev.agentmarketplace.api.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.access.AccessDeniedException;
import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.ledger.PartyRole;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HistoryParametersTest {
    private static final Caller ALICE = Caller.agent(AgentId.of("alice"));
    private static final Caller OPS = Caller.staff("ops", Role.OPERATOR);

    private static HistoryParameters agentOnly(String agent) {
        return new HistoryParameters(agent, null, null, null, null, null);
    }

    @Test
    void agentAlwaysSeesItsOwnTransactions() {
        assertThat(agentOnly(null).filterFor(ALICE).agent()).contains(AgentId.of("alice"));
        assertThat(agentOnly("alice").filterFor(ALICE).agent()).contains(AgentId.of("alice"));
    }

    @Test
    void agentNamingAnotherAgentIsRefused() {
        assertThatThrownBy(() -> agentOnly("bob").filterFor(ALICE))
                .isInstanceOfSatisfying(
                        AccessDeniedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ACTING_AS_ANOTHER_AGENT));
    }

    @Test
    void operatorSeesEveryoneOrTheAgentItNames() {
        assertThat(agentOnly(null).filterFor(OPS).agent()).isEmpty();
        assertThat(agentOnly("bob").filterFor(OPS).agent()).contains(AgentId.of("bob"));
    }

    @Test
    void callerWithoutRolesIsRefused() {
        assertThatThrownBy(() -> agentOnly(null).filterFor(Caller.staff("stranger")))
                .isInstanceOfSatisfying(
                        AccessDeniedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ROLE_REQUIRED));
    }

    @Test
    void readsEveryFilter() {
        TransactionFilter filter = new HistoryParameters(
                        null, "Provider", "settled", " Python ", "2026-05-01T00:00:00Z", "2026-06-01T00:00:00Z")
                .filterFor(ALICE);

        assertThat(filter.role()).isEqualTo(PartyRole.PROVIDER);
        assertThat(filter.state()).contains(TransactionState.SETTLED);
        assertThat(filter.capability()).contains(Capability.of("python"));
        assertThat(filter.from()).contains(Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(filter.to()).isEqualTo(Optional.of(Instant.parse("2026-06-01T00:00:00Z")));
    }

    @Test
    void malformedFiltersNameTheirParameter() {
        assertThatThrownBy(() -> new HistoryParameters(null, "buyer", null, null, null, null).filterFor(OPS))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("role"));
        assertThatThrownBy(() -> new HistoryParameters(null, null, "DONE", null, null, null).filterFor(OPS))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("state"));
        assertThatThrownBy(() -> new HistoryParameters(null, null, null, null, "yesterday", null).filterFor(OPS))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("from"));
    }
}
