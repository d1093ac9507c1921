package dev.agentmarketplace.api.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import javax.transaction.xa.XAException;

/**
 * Tells a failure to reach the database (an outage, a restart, a failover) from every other failure,
 * wherever it is wrapped: the request may succeed if retried later, so it is a 503, not a 500.
 * Recognised anywhere in the cause chain (and among suppressed exceptions):
 *
 * <ul>
 *   <li>an {@link SQLException} of SQLSTATE class 08, "connection exception" (SQL:2016 §24.1), as
 *       PostgreSQL's driver and H2 report a refused, broken or closed connection;
 *   <li>PostgreSQL's {@code 57P01} to {@code 57P03} (admin shutdown, crash shutdown, cannot connect
 *       now): what sessions and new connections get while the server restarts;
 *   <li>the JDBC connection exceptions, transient or not;
 *   <li>Hibernate's {@code JDBCConnectionException} (by name: the API does not see Hibernate);
 *   <li>the pool's acquisition timeout (Agroal reports it as an {@link SQLException} without a
 *       SQLSTATE);
 *   <li>an {@link XAException} {@code XAER_RMFAIL}: the database went away during the commit.
 * </ul>
 */
public final class DatabaseUnavailable {
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");
    private static final String HIBERNATE_CONNECTION_EXCEPTION = "org.hibernate.exception.JDBCConnectionException";

    private DatabaseUnavailable() {}

    public static boolean causedBy(Throwable error) {
        return search(error, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean search(Throwable error, Set<Throwable> seen) {
        for (Throwable cause = error; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (isConnectionFailure(cause)) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && sql.getNextException() != null
                    && search(sql.getNextException(), seen)) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (search(suppressed, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isConnectionFailure(Throwable cause) {
        if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (cause.getClass().getName().equals(HIBERNATE_CONNECTION_EXCEPTION)) {
            return true;
        }
        if (cause instanceof XAException xa && xa.errorCode == XAException.XAER_RMFAIL) {
            return true;
        }
        if (cause instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null) {
                return state.startsWith("08") || SERVER_GOING_AWAY.contains(state);
            }
            String message = sql.getMessage();
            return message != null && message.toLowerCase(Locale.ROOT).startsWith("acquisition timeout");
        }
        return false;
    }
}
