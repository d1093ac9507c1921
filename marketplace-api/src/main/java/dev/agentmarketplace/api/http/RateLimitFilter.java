package dev.agentmarketplace.api.http;

import dev.agentmarketplace.api.problem.Problem;
import dev.agentmarketplace.api.problem.ProblemCode;
import dev.agentmarketplace.api.security.CurrentCaller;
import dev.agentmarketplace.core.ratelimit.RateDecision;
import dev.agentmarketplace.core.ratelimit.RateLimiter;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Per-caller rate limiting of the API ({@link RateLimiter}, counts in the database, so every replica
 * shares them): a refused request gets 429 with {@code Retry-After}; every answer tells the caller
 * its limit and what remains of it. Anonymous requests are not counted here: they get their 401.
 * It is also where the request's log lines learn who is calling (MDC {@code caller} and, for an
 * agent, {@code agentId}).
 */
public class RateLimitFilter {
    static final int PRIORITY = Priorities.USER + 100;
    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";

    private final RateLimiter limiter;
    private final SecurityIdentity identity;
    private final ApiConfig config;
    private final CurrentCaller caller;

    RateLimitFilter(RateLimiter limiter, SecurityIdentity identity, ApiConfig config, CurrentCaller caller) {
        this.limiter = limiter;
        this.identity = identity;
        this.config = config;
        this.caller = caller;
    }

    @ServerRequestFilter(priority = PRIORITY)
    public Response limit(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/") || identity.isAnonymous()) {
            return null;
        }
        String subject = identity.getPrincipal().getName();
        MDC.put(RequestIds.MDC_CALLER, subject);
        caller.get().agent().ifPresent(agent -> MDC.put(RequestIds.MDC_AGENT_ID, agent.value()));
        if (!config.rateLimit().enabled()) {
            return null;
        }
        RateDecision decision = limiter.acquire(subject);
        request.setProperty(DECISION, decision);
        if (decision.allowed()) {
            return null;
        }
        long seconds = decision.retryAfter().toSeconds();
        return Response.status(429)
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", seconds)
                .header("RateLimit-Limit", decision.limit())
                .header("RateLimit-Remaining", 0)
                .entity(ProblemCode.RATE_LIMITED.problem(
                        "more than " + decision.limit() + " requests in "
                                + limiter.policy().window() + "; retry in " + seconds + " s",
                        request.getUriInfo().getRequestUri().getPath()))
                .build();
    }

    @ServerResponseFilter
    public void tell(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateDecision decision && decision.allowed()) {
            response.getHeaders().putSingle("RateLimit-Limit", decision.limit());
            response.getHeaders().putSingle("RateLimit-Remaining", decision.remaining());
        }
    }
}
