package dev.agentmarketplace.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.registry.AgentId;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CallerTest {
    private static final AgentId PAYER = AgentId.of("orchestrator");
    private static final AgentId PROVIDER = AgentId.of("py-expert");
    private static final AgentId STRANGER = AgentId.of("stranger");

    private static final Caller AGENT = Caller.agent(PAYER);
    private static final Caller OPERATOR = Caller.staff("ops-1", Role.OPERATOR);
    private static final Caller ADMIN = Caller.staff("root", Role.ADMIN);
    private static final Caller NOBODY = Caller.staff("visitor");

    private static void deniedWith(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        AccessDeniedException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void agentNamedByARequestMustBeTheCallerAndNoneNamedMeansTheCaller() {
        assertThat(AGENT.requireSelfIfNamed(Optional.of(PAYER))).isEqualTo(PAYER);
        assertThat(AGENT.requireSelfIfNamed(Optional.empty())).isEqualTo(PAYER);
        deniedWith(ErrorCode.ACTING_AS_ANOTHER_AGENT, () -> AGENT.requireSelfIfNamed(Optional.of(STRANGER)));
        deniedWith(ErrorCode.ROLE_REQUIRED, () -> OPERATOR.requireSelfIfNamed(Optional.empty()));
    }

    @Test
    void anyMarketRoleMayReadButARolelessTokenMayNot() {
        for (Caller caller : new Caller[] {AGENT, OPERATOR, ADMIN}) {
            assertThatCode(caller::requireAnyRole).doesNotThrowAnyException();
        }
        deniedWith(ErrorCode.ROLE_REQUIRED, NOBODY::requireAnyRole);
    }

    @Test
    void agentMayActAsItselfOnly() {
        assertThat(AGENT.requireSelf(PAYER)).isEqualTo(PAYER);
        assertThat(AGENT.requireAgent()).isEqualTo(PAYER);

        deniedWith(ErrorCode.ACTING_AS_ANOTHER_AGENT, () -> AGENT.requireSelf(PROVIDER));
    }

    @Test
    void callerWithoutAnAgentIsNoSelfEvenAsOperator() {
        deniedWith(ErrorCode.ROLE_REQUIRED, () -> OPERATOR.requireSelf(PAYER));
        deniedWith(ErrorCode.ROLE_REQUIRED, NOBODY::requireAgent);
    }

    @Test
    void operatorsAndAdminsMayActOnAnyAgentAndAnAgentOnlyOnItself() {
        assertThatCode(() -> AGENT.requireSelfOrOperator(PAYER)).doesNotThrowAnyException();
        assertThatCode(() -> OPERATOR.requireSelfOrOperator(PROVIDER)).doesNotThrowAnyException();
        assertThatCode(() -> ADMIN.requireSelfOrOperator(PROVIDER)).doesNotThrowAnyException();
        assertThatCode(() -> Caller.agent(STRANGER, Role.OPERATOR).requireSelfOrOperator(PAYER))
                .doesNotThrowAnyException();

        deniedWith(ErrorCode.ACTING_AS_ANOTHER_AGENT, () -> AGENT.requireSelfOrOperator(PROVIDER));
        deniedWith(ErrorCode.ROLE_REQUIRED, () -> NOBODY.requireSelfOrOperator(PAYER));
    }

    @Test
    void partiesAndOperatorsMaySeeATransactionAndNobodyElse() {
        assertThatCode(() -> AGENT.requireOneOfOrOperator(PAYER, PROVIDER)).doesNotThrowAnyException();
        assertThatCode(() -> Caller.agent(PROVIDER).requireOneOfOrOperator(PAYER, PROVIDER))
                .doesNotThrowAnyException();
        assertThatCode(() -> OPERATOR.requireOneOfOrOperator(PAYER, PROVIDER)).doesNotThrowAnyException();
        assertThatCode(() -> ADMIN.requireOneOfOrOperator(PAYER, PROVIDER)).doesNotThrowAnyException();

        deniedWith(
                ErrorCode.ACTING_AS_ANOTHER_AGENT,
                () -> Caller.agent(STRANGER).requireOneOfOrOperator(PAYER, PROVIDER));
        deniedWith(ErrorCode.ROLE_REQUIRED, () -> NOBODY.requireOneOfOrOperator(PAYER, PROVIDER));
    }

    @Test
    void adminHoldsTheOperatorRoleButNotTheAgentRole() {
        assertThat(ADMIN.has(Role.ADMIN)).isTrue();
        assertThat(ADMIN.has(Role.OPERATOR)).isTrue();
        assertThat(ADMIN.isOperator()).isTrue();
        assertThat(ADMIN.has(Role.AGENT)).isFalse();
        assertThatCode(() -> ADMIN.require(Role.OPERATOR)).doesNotThrowAnyException();

        assertThat(OPERATOR.has(Role.ADMIN)).isFalse();
        deniedWith(ErrorCode.ROLE_REQUIRED, () -> OPERATOR.require(Role.ADMIN));
        deniedWith(ErrorCode.ROLE_REQUIRED, () -> AGENT.require(Role.OPERATOR));
    }

    @Test
    void actorIsTheAgentForAnAgentAndTheSubjectForAnOperator() {
        assertThat(AGENT.actor()).isEqualTo(Actor.agent(PAYER));
        assertThat(Caller.agent(PAYER, Role.OPERATOR).actor()).isEqualTo(Actor.agent(PAYER));
        assertThat(OPERATOR.actor()).isEqualTo(Actor.operator("ops-1"));
        assertThat(ADMIN.actor()).isEqualTo(Actor.operator("root"));
    }

    /** An operator actor may cancel anyone's hire, so a caller must not become one without the role. */
    @Test
    void callerThatIsNeitherAnAgentNorAnOperatorHasNoActor() {
        deniedWith(ErrorCode.ROLE_REQUIRED, NOBODY::actor);
        deniedWith(ErrorCode.ROLE_REQUIRED, () -> new Caller("svc", Optional.empty(), Set.of(Role.AGENT)).actor());
    }

    @Test
    void operatorActorNeedsTheOperatorRoleEvenForAnAgent() {
        assertThat(Caller.agent(PAYER, Role.OPERATOR).operatorActor()).isEqualTo(Actor.operator(PAYER.value()));
        assertThat(ADMIN.operatorActor()).isEqualTo(Actor.operator("root"));

        deniedWith(ErrorCode.ROLE_REQUIRED, AGENT::operatorActor);
    }

    @Test
    void callerActingAsAnAgentHasTheAgentRoleAndAValidSubject() {
        assertThatThrownBy(() -> new Caller("x", Optional.of(PAYER), Set.of(Role.OPERATOR)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Caller.staff(" ", Role.OPERATOR)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Caller.staff("x".repeat(Caller.MAX_SUBJECT_LENGTH + 1)))
                .isInstanceOf(InvalidValueException.class);
        assertThat(AGENT.roles()).containsExactly(Role.AGENT);
        assertThat(AGENT.subject()).isEqualTo(PAYER.value());
    }

    @Test
    void rolesAreReadFromClaimsCaseInsensitivelyAndUnknownNamesIgnored() {
        assertThat(Role.fromClaim(" Operator ")).contains(Role.OPERATOR);
        assertThat(Role.fromClaim("ADMIN")).contains(Role.ADMIN);
        assertThat(Role.fromClaim("agent")).contains(Role.AGENT);
        assertThat(Role.fromClaim("offline_access")).isEmpty();
        assertThat(Role.fromClaim(null)).isEmpty();
        assertThat(Role.OPERATOR.claimValue()).isEqualTo("operator");
    }
}
