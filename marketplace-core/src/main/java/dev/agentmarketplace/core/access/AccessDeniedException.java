package dev.agentmarketplace.core.access;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;

/** The caller is known but may not do this: it lacks a role, or it tried to act as another agent. */
public final class AccessDeniedException extends DomainException {
    public AccessDeniedException(ErrorCode code, String message) {
        super(code, message);
    }
}
