package dev.agentmarketplace.app;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.sql.SQLException;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A test hook that spoils the answer of a request whose work is done, as a crash between the commit
 * and the response would: with {@code X-Test-Lose-Answer} the client gets a 500 instead of the
 * answer; with {@code X-Test-Fail-Answer} the response fails with a lost database connection after
 * the resource ran. Requests without these headers are left alone. It runs before the application's
 * own response filters (JAX-RS runs response filters in descending priority).
 */
public class LostAnswers {
    static final String LOSE = "X-Test-Lose-Answer";
    static final String FAIL = "X-Test-Fail-Answer";

    @ServerResponseFilter(priority = Priorities.USER + 1000)
    public void spoil(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getHeaderString(FAIL) != null) {
            throw new IllegalStateException(
                    "the answer could not be written", new SQLException("connection lost", "08006"));
        }
        if (request.getHeaderString(LOSE) != null) {
            response.setStatus(500);
            response.setEntity("{\"title\":\"lost answer\"}");
        }
    }
}
