package dev.agentmarketplace.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.agentmarketplace.api.payment.PaymentChallenge;
import dev.agentmarketplace.api.security.ClientDisabledException;
import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.payment.PaymentRequiredException;
import dev.agentmarketplace.core.registry.BulkRejectedException;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where errors become RFC 9457 problem responses; no stack trace ever leaves the server. */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /**
     * What a 503 for a lost database tells the client to wait (RFC 9110 §10.2.3): long enough for a
     * pool to reconnect after a restart or a failover, short enough not to stall a retrying agent.
     */
    public static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    private final ObjectMapper json;

    ProblemMapper(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response domainError(DomainException error, UriInfo uri) {
        return respond(ProblemCode.of(error.code()).problem(error.getMessage(), uri.getPath(), fieldErrors(error)));
    }

    /** A hire that needs a (valid) payment: the problem, plus what x402 clients of either version read. */
    @ServerExceptionMapper
    public Response paymentRequired(PaymentRequiredException error, UriInfo uri) {
        Problem problem = ProblemCode.of(error.code()).problem(error.getMessage(), uri.getPath());
        return PaymentChallenge.respond(error, problem, json);
    }

    /** No token, or one that failed verification: RFC 6750 asks for a Bearer challenge with the 401. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException error, UriInfo uri) {
        if (error.getCause() instanceof ClientDisabledException disabled) {
            return Response.fromResponse(
                            respond(ProblemCode.CLIENT_DISABLED.problem(disabled.getMessage(), uri.getPath())))
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .build();
        }
        boolean tokenSent = error instanceof AuthenticationFailedException;
        String challenge = tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer";
        return Response.fromResponse(respond(ProblemCode.UNAUTHENTICATED.problem(
                        tokenSent
                                ? "the bearer token is invalid or expired"
                                : "this operation needs a bearer token in the Authorization header",
                        uri.getPath())))
                .header("WWW-Authenticate", challenge)
                .build();
    }

    /** The identity provider cannot be reached to verify tokens: the caller may retry, nothing is its fault. */
    @ServerExceptionMapper
    public Response identityProviderDown(OIDCException error, UriInfo uri) {
        LOG.warnf("Cannot verify the token of a request to %s: %s", uri.getPath(), error.getMessage());
        return Response.fromResponse(respond(ProblemCode.IDENTITY_PROVIDER_UNAVAILABLE.problem(
                        "the identity provider that verifies tokens cannot be reached; retry later", uri.getPath())))
                .header("Retry-After", 30)
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException error, UriInfo uri) {
        return respond(
                ProblemCode.ROLE_REQUIRED.problem("the caller's roles do not allow this operation", uri.getPath()));
    }

    /** Bean Validation on request bodies and parameters: every broken constraint names its field. */
    @ServerExceptionMapper
    public Response invalidRequest(ConstraintViolationException error, UriInfo uri) {
        List<Problem.FieldError> fields = error.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(fieldOf(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return invalidInput("the request has invalid fields", fields, uri);
    }

    /**
     * A field the API does not know, or a value of the wrong type. Mapped on this exact type because
     * quarkus-rest-jackson brings its own mapper for it, which a mapper of a supertype would not beat.
     */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException error, UriInfo uri) {
        if (error instanceof UnrecognizedPropertyException unknown) {
            return invalidInput(
                    "the request has a field the API does not know",
                    List.of(new Problem.FieldError(pathOf(unknown), "unknown field")),
                    uri);
        }
        if (isTrailingContent(error)) {
            return malformed("the request body holds more than one JSON value", uri);
        }
        if (error.getPath().isEmpty()) {
            return invalidInput("the request body does not have the expected shape", null, uri);
        }
        return invalidInput(
                "the request has a value of the wrong type",
                List.of(new Problem.FieldError(pathOf(error), "has the wrong type or format")),
                uri);
    }

    /**
     * A body that is not one well-formed JSON document: broken syntax, or a key given twice (Jackson's
     * STRICT_DUPLICATE_DETECTION, see {@code StrictJson}). Jackson's own message may quote the input,
     * so the detail is ours.
     */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException error, UriInfo uri) {
        if (error instanceof MismatchedInputException mismatched) {
            return mismatchedJson(mismatched, uri);
        }
        String message = String.valueOf(error.getOriginalMessage());
        if (message.startsWith("Duplicate field")) {
            return malformed("the request body gives a key twice in one object", uri);
        }
        return malformed("the request body is not well-formed JSON", uri);
    }

    @ServerExceptionMapper
    public Response tooLarge(RequestTooLargeException error, UriInfo uri) {
        return respond(ProblemCode.REQUEST_TOO_LARGE.problem(error.getMessage(), uri.getPath()));
    }

    /**
     * Errors of routing and content negotiation (404, 405, 406, 415...) and whatever the JSON reader
     * wrapped: each gets its row of {@link ProblemCode}.
     */
    @ServerExceptionMapper
    public Response httpError(WebApplicationException error, UriInfo uri) {
        Response wrapped = wrappedCause(error, uri);
        if (wrapped != null) {
            return wrapped;
        }
        int status = error.getResponse().getStatus();
        ProblemCode code = ProblemCode.ofStatus(status);
        return respond(code.problem(code.bareDetail(), uri.getPath()));
    }

    /** RESTEasy Reactive may wrap what the body reader threw; the cause deserves its own answer. */
    @ServerExceptionMapper
    public Response processingError(ProcessingException error, UriInfo uri) {
        Response wrapped = wrappedCause(error, uri);
        return wrapped != null ? wrapped : unexpected(error, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable error, UriInfo uri) {
        Response wrapped = error.getCause() == null ? null : wrappedCause(error, uri);
        if (wrapped != null) {
            return wrapped;
        }
        return unexpected(error, uri.getPath());
    }

    /**
     * Whatever no other mapper claims: a 503 with {@code Retry-After} when the database cannot be
     * reached ({@link DatabaseUnavailable}), else a 500. Also the answer of {@code HttpEdges} for
     * failures outside JAX-RS.
     */
    public static Response unexpected(Throwable error, String path) {
        if (DatabaseUnavailable.causedBy(error)) {
            LOG.warnf("The database cannot be reached for %s: %s", path, error.toString());
            return databaseUnavailable(path);
        }
        LOG.errorf(error, "Unexpected failure of %s", path);
        return respond(ProblemCode.INTERNAL_ERROR.problem(
                "the request could not be completed; the failure has been logged", path));
    }

    /** The answer to a known cause anywhere in the chain (a body too large, JSON Jackson refused), else null. */
    private Response wrappedCause(Throwable error, UriInfo uri) {
        for (Throwable cause = error.getCause(); cause != null && cause != error; cause = cause.getCause()) {
            if (cause instanceof RequestTooLargeException tooLarge) {
                return tooLarge(tooLarge, uri);
            }
        }
        for (Throwable cause = error.getCause(); cause != null && cause != error; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json, uri);
            }
        }
        return null;
    }

    /** Jackson's FAIL_ON_TRAILING_TOKENS reports content after the first value as a mismatched input. */
    private static boolean isTrailingContent(MismatchedInputException error) {
        return String.valueOf(error.getOriginalMessage()).startsWith("Trailing token");
    }

    private static Response malformed(String detail, UriInfo uri) {
        return respond(ProblemCode.MALFORMED_JSON.problem(detail, uri.getPath()));
    }

    /**
     * The database is unreachable: nothing is the caller's fault and a retry may succeed. A request
     * that carried an Idempotency-Key is safe to retry with the same key whether or not its work
     * committed: its stored answer commits with the work, so the retry replays it or runs once.
     */
    static Response databaseUnavailable(String path) {
        return Response.fromResponse(respond(ProblemCode.DATABASE_UNAVAILABLE.problem(
                        "the database cannot be reached; retry later (with the same Idempotency-Key, if any)", path)))
                .header("Retry-After", DATABASE_RETRY_AFTER_SECONDS)
                .build();
    }

    private static Response invalidInput(String detail, List<Problem.FieldError> fields, UriInfo uri) {
        return respond(ProblemCode.INVALID_VALUE.problem(detail, uri.getPath(), fields));
    }

    /** A violation's field as a client spells it: the innermost property, else the parameter, never the method. */
    static String fieldOf(ConstraintViolation<?> violation) {
        String property = null;
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY) {
                property = node.getName();
            } else if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            }
        }
        if (property != null) {
            return property;
        }
        return parameter != null ? parameter : violation.getPropertyPath().toString();
    }

    private static String pathOf(MismatchedInputException error) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : error.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Invalid input names its field; a rejected bulk request names each refused item as {@code items[i]}. */
    static List<Problem.FieldError> fieldErrors(DomainException error) {
        if (error instanceof InvalidValueException invalid) {
            return List.of(new Problem.FieldError(invalid.field(), error.getMessage()));
        }
        if (error instanceof BulkRejectedException bulk) {
            return bulk.errors().stream()
                    .map(item -> new Problem.FieldError(
                            "items[" + item.index() + "]", item.agentId() + ": " + item.code() + ": " + item.message()))
                    .toList();
        }
        return null;
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }
}
