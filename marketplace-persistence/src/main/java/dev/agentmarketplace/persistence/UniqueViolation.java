package dev.agentmarketplace.persistence;

import java.util.Locale;
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
        ConstraintViolationException violation = violation(error);
        return violation != null && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE;
    }

    /**
     * Whether {@code error} is a violation of the unique key named {@code constraint}, for a table
     * with several keys whose duplicates mean different things. The name is the one the dialect read
     * from the database's error: the constraint's own on PostgreSQL, and on H2 the index backing it,
     * named after the constraint ({@code SCHEMA.<CONSTRAINT>_INDEX_<n>}); so compared ignoring case,
     * as a part. Never the message's row values, which callers choose.
     */
    public static boolean causedBy(Throwable error, String constraint) {
        ConstraintViolationException violation = violation(error);
        return violation != null
                && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE
                && violation.getConstraintName() != null
                && violation.getConstraintName().toLowerCase(Locale.ROOT).contains(constraint.toLowerCase(Locale.ROOT));
    }

    private static ConstraintViolationException violation(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation) {
                return violation;
            }
        }
        return null;
    }
}
