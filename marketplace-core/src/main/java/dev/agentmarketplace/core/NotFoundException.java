package dev.agentmarketplace.core;

/** The thing asked for does not exist. */
public final class NotFoundException extends DomainException {
    public NotFoundException(ErrorCode code, String message) {
        super(code, message);
    }
}
