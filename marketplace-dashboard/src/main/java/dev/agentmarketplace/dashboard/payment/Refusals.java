package dev.agentmarketplace.dashboard.payment;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.access.AccessDeniedException;
import jakarta.ws.rs.core.Response;

/** The status of a page that shows a refused action's message: the HTTP meaning of the core's exception. */
public final class Refusals {
    private Refusals() {}

    public static Response.Status statusOf(DomainException refused) {
        return switch (refused) {
            case InvalidValueException invalid -> Response.Status.BAD_REQUEST;
            case NotFoundException missing -> Response.Status.NOT_FOUND;
            case ConflictException conflict -> Response.Status.CONFLICT;
            case AccessDeniedException denied -> Response.Status.FORBIDDEN;
            default -> Response.Status.BAD_REQUEST;
        };
    }
}
