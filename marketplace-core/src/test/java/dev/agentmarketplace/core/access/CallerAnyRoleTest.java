package dev.agentmarketplace.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.registry.AgentId;
import org.junit.jupiter.api.Test;

class CallerAnyRoleTest {
    @Test
    void callerWithoutAnyRoleIsRefused() {
        assertThatThrownBy(() -> Caller.staff("stranger").requireAnyRole())
                .isInstanceOfSatisfying(
                        AccessDeniedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ROLE_REQUIRED));
    }

    @Test
    void agentOperatorAndAdminEachHoldARole() {
        assertThatCode(() -> Caller.agent(AgentId.of("alice")).requireAnyRole()).doesNotThrowAnyException();
        assertThatCode(() -> Caller.staff("ops", Role.OPERATOR).requireAnyRole())
                .doesNotThrowAnyException();
        assertThatCode(() -> Caller.staff("root", Role.ADMIN).requireAnyRole()).doesNotThrowAnyException();
    }
}
