package dev.agentmarketplace.api.problem;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where errors become RFC 9457 problem responses; no stack trace ever leaves the server. */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response domainError(DomainException error, UriInfo uri) {
        int status = statusOf(error.code());
        List<Problem.FieldError> fields = error instanceof InvalidValueException invalid
                ? List.of(new Problem.FieldError(invalid.field(), error.getMessage()))
                : null;
        return respond(new Problem(
                typeOf(error.code()),
                titleOf(error.code()),
                status,
                error.getMessage(),
                uri.getPath(),
                error.code().name(),
                fields));
    }

    @ServerExceptionMapper
    public Response httpError(WebApplicationException error, UriInfo uri) {
        Response.StatusType status = error.getResponse().getStatusInfo();
        return respond(new Problem(
                "about:blank", status.getReasonPhrase(), status.getStatusCode(), null, uri.getPath(), null, null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable error, UriInfo uri) {
        LOG.errorf(error, "Unexpected failure of %s", uri.getPath());
        return respond(new Problem(
                "about:blank",
                "Internal Server Error",
                500,
                "the request could not be completed; the failure has been logged",
                uri.getPath(),
                null,
                null));
    }

    static int statusOf(ErrorCode code) {
        return switch (code) {
            case INVALID_VALUE -> 400;
            case AGENT_NOT_FOUND -> 404;
            case AGENT_ALREADY_REGISTERED -> 409;
        };
    }

    private static String typeOf(ErrorCode code) {
        return "/problems/" + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String titleOf(ErrorCode code) {
        return switch (code) {
            case INVALID_VALUE -> "Invalid value";
            case AGENT_NOT_FOUND -> "Agent not found";
            case AGENT_ALREADY_REGISTERED -> "Agent already registered";
        };
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }
}
