package dev.agentmarketplace.core.access;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.registry.AgentId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated caller of an operation: its subject (whoever the identity provider says it
 * is), the agent it acts as, and its roles. Every rule of who may do what is one of the methods
 * here, so the API asks and never decides.
 *
 * <p>The market's central rule is that an agent acts only as itself: {@link #requireSelf} refuses
 * any other agent id, whatever the request says.
 */
public record Caller(String subject, Optional<AgentId> agent, Set<Role> roles) {
    public static final int MAX_SUBJECT_LENGTH = 255;

    public Caller {
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH) {
            throw new InvalidValueException("subject", "must be 1-" + MAX_SUBJECT_LENGTH + " characters");
        }
        Objects.requireNonNull(agent, "agent");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        if (agent.isPresent() && !roles.contains(Role.AGENT)) {
            throw new IllegalArgumentException("only a caller with the agent role acts as an agent");
        }
    }

    /** An agent's own token: the role AGENT, acting as {@code agent}, plus any further roles. */
    public static Caller agent(AgentId agent, Role... moreRoles) {
        Set<Role> roles = EnumSet.of(Role.AGENT);
        roles.addAll(Arrays.asList(moreRoles));
        return new Caller(agent.value(), Optional.of(agent), roles);
    }

    /** A person or service with roles but no agent of its own. */
    public static Caller staff(String subject, Role... roles) {
        return new Caller(
                subject, Optional.empty(), roles.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(roles)));
    }

    /** Whether the caller holds {@code role}; an admin holds the operator role too. */
    public boolean has(Role role) {
        return roles.contains(role) || (role == Role.OPERATOR && roles.contains(Role.ADMIN));
    }

    public boolean isOperator() {
        return has(Role.OPERATOR);
    }

    /**
     * Checks that the caller holds at least one of the market's roles. A token from the identity
     * provider that names none of them proves who someone is, not that they belong to the market,
     * so it may not even read.
     *
     * @throws AccessDeniedException with {@code ROLE_REQUIRED} when the caller has no role
     */
    public void requireAnyRole() {
        if (roles.isEmpty()) {
            throw new AccessDeniedException(
                    ErrorCode.ROLE_REQUIRED, "this operation needs the 'agent', 'operator' or 'admin' role");
        }
    }

    /** @throws AccessDeniedException with {@code ROLE_REQUIRED} when the caller lacks {@code role} */
    public void require(Role role) {
        if (!has(role)) {
            throw new AccessDeniedException(
                    ErrorCode.ROLE_REQUIRED, "this operation needs the '" + role.claimValue() + "' role");
        }
    }

    /**
     * The agent the caller acts as.
     *
     * @throws AccessDeniedException with {@code ROLE_REQUIRED} when the caller is not an agent
     */
    public AgentId requireAgent() {
        return agent.orElseThrow(() -> new AccessDeniedException(
                ErrorCode.ROLE_REQUIRED, "this operation is for agents, and the caller acts as none"));
    }

    /**
     * Checks that the caller is the agent {@code target}.
     *
     * @throws AccessDeniedException with {@code ACTING_AS_ANOTHER_AGENT} when it is another agent,
     *     or {@code ROLE_REQUIRED} when it is no agent at all
     */
    public AgentId requireSelf(AgentId target) {
        AgentId self = requireAgent();
        if (!self.equals(target)) {
            throw actingAsAnother(self, target);
        }
        return self;
    }

    /**
     * The agent the caller acts as, where a request may name it: when {@code named} is given it must
     * be the caller ({@link #requireSelf}), otherwise the caller is meant ({@link #requireAgent}).
     */
    public AgentId requireSelfIfNamed(Optional<AgentId> named) {
        return named.isPresent() ? requireSelf(named.get()) : requireAgent();
    }

    /** Like {@link #requireSelf}, but an operator may act on any agent. */
    public void requireSelfOrOperator(AgentId target) {
        if (!isOperator()) {
            requireSelf(target);
        }
    }

    /**
     * Checks that the caller is one of {@code parties} (the payer and provider of a transaction,
     * say) or an operator.
     */
    public void requireOneOfOrOperator(AgentId... parties) {
        if (isOperator()) {
            return;
        }
        AgentId self = requireAgent();
        if (Arrays.stream(parties).noneMatch(self::equals)) {
            throw new AccessDeniedException(
                    ErrorCode.ACTING_AS_ANOTHER_AGENT,
                    "agent '" + self + "' is not a party to this; only " + Arrays.toString(parties)
                            + " or an operator may see or change it");
        }
    }

    /**
     * Who the journal records for a move the caller makes: its agent, or itself as an operator.
     *
     * @throws AccessDeniedException with {@code ROLE_REQUIRED} when the caller is neither: the
     *     ledger lets an operator actor cancel any hire, so that actor must not be handed to
     *     a caller without the role
     */
    public Actor actor() {
        return agent.map(Actor::agent).orElseGet(this::operatorActor);
    }

    /** Who the journal records for a move the caller makes as an operator, after {@code require(OPERATOR)}. */
    public Actor operatorActor() {
        require(Role.OPERATOR);
        return Actor.operator(subject);
    }

    public static AccessDeniedException actingAsAnother(AgentId self, AgentId target) {
        return new AccessDeniedException(
                ErrorCode.ACTING_AS_ANOTHER_AGENT, "agent '" + self + "' cannot act as agent '" + target + "'");
    }
}
