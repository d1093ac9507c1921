package dev.agentmarketplace.persistence;

import org.hibernate.exception.ConstraintViolationException;

/**
 * Tells a duplicate from other refused writes. A replica's check-then-insert cannot see another
 * replica's uncommitted row, so the unique key decides and the loser gets the same answer as for a
 * plain duplicate; a CHECK, foreign-key or NOT NULL violation is a different failure and must
 * surface as itself.
 */
public final class UniqueViolation {
    private UniqueViolation() {}

    public static boolean causedBy(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation) {
                return violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE;
            }
        }
        return false;
    }
}
