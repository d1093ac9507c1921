package dev.agentmarketplace.core;

/** The request contradicts what is already recorded (a duplicate, an illegal move). */
public final class ConflictException extends DomainException {
    public ConflictException(ErrorCode code, String message) {
        super(code, message);
    }
}
