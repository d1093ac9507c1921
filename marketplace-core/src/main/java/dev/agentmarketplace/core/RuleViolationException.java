package dev.agentmarketplace.core;

/**
 * A well-formed request that a business rule refuses (hiring oneself, a full provider, a closed
 * dispute window): the input is valid, the move is not.
 */
public final class RuleViolationException extends DomainException {
    public RuleViolationException(ErrorCode code, String message) {
        super(code, message);
    }
}
