package dev.agentmarketplace.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.agentmarketplace.api.payment.PaymentChallenge;
import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
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
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
        int status = statusOf(error.code());
        List<Problem.FieldError> fields = fieldErrors(error);
        return respond(new Problem(
                typeOf(error.code()),
                titleOf(error.code()),
                status,
                error.getMessage(),
                uri.getPath(),
                error.code().name(),
                fields));
    }

    /** A hire that needs a (valid) payment: the problem, plus what x402 clients of either version read. */
    @ServerExceptionMapper
    public Response paymentRequired(PaymentRequiredException error, UriInfo uri) {
        Problem problem = new Problem(
                typeOf(error.code()),
                titleOf(error.code()),
                statusOf(error.code()),
                error.getMessage(),
                uri.getPath(),
                error.code().name(),
                null);
        return PaymentChallenge.respond(error, problem, json);
    }

    /** No token, or one that failed verification: RFC 6750 asks for a Bearer challenge with the 401. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException error, UriInfo uri) {
        boolean tokenSent = error instanceof AuthenticationFailedException;
        String challenge = tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer";
        return Response.fromResponse(respond(new Problem(
                        "/problems/unauthenticated",
                        "Unauthenticated",
                        401,
                        tokenSent
                                ? "the bearer token is invalid or expired"
                                : "this operation needs a bearer token in the Authorization header",
                        uri.getPath(),
                        "UNAUTHENTICATED",
                        null)))
                .header("WWW-Authenticate", challenge)
                .build();
    }

    /** The identity provider cannot be reached to verify tokens: the caller may retry, nothing is its fault. */
    @ServerExceptionMapper
    public Response identityProviderDown(OIDCException error, UriInfo uri) {
        LOG.warnf("Cannot verify the token of a request to %s: %s", uri.getPath(), error.getMessage());
        return Response.fromResponse(respond(new Problem(
                        "/problems/identity-provider-unavailable",
                        "Identity provider unavailable",
                        503,
                        "the identity provider that verifies tokens cannot be reached; retry later",
                        uri.getPath(),
                        "IDENTITY_PROVIDER_UNAVAILABLE",
                        null)))
                .header("Retry-After", 30)
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException error, UriInfo uri) {
        return respond(new Problem(
                "/problems/role-required",
                "Role required",
                403,
                "the caller's roles do not allow this operation",
                uri.getPath(),
                ErrorCode.ROLE_REQUIRED.name(),
                null));
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
        if (error.getPath().isEmpty()) {
            return invalidInput("the request body does not have the expected shape", null, uri);
        }
        return invalidInput(
                "the request has a value of the wrong type",
                List.of(new Problem.FieldError(pathOf(error), "has the wrong type or format")),
                uri);
    }

    /** A body that is not JSON at all. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException error, UriInfo uri) {
        return invalidInput("the request body is not well-formed JSON", null, uri);
    }

    @ServerExceptionMapper
    public Response tooLarge(RequestTooLargeException error, UriInfo uri) {
        return respond(new Problem(
                "/problems/request-too-large",
                "Request too large",
                413,
                error.getMessage(),
                uri.getPath(),
                "REQUEST_TOO_LARGE",
                null));
    }

    @ServerExceptionMapper
    public Response httpError(WebApplicationException error, UriInfo uri) {
        // The JSON reader wraps what Jackson could not parse; it deserves the same answer as above.
        if (error.getCause() instanceof MismatchedInputException mismatched) {
            return mismatchedJson(mismatched, uri);
        }
        if (error.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable, uri);
        }
        Response.StatusType status = error.getResponse().getStatusInfo();
        return respond(new Problem(
                "about:blank", status.getReasonPhrase(), status.getStatusCode(), null, uri.getPath(), null, null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable error, UriInfo uri) {
        return unexpected(error, uri.getPath());
    }

    /**
     * Whatever no other mapper claims: a 503 with {@code Retry-After} when the database cannot be
     * reached ({@link DatabaseUnavailable}), else a 500. Also the answer of {@link UnhandledFailures}
     * for failures outside JAX-RS.
     */
    static Response unexpected(Throwable error, String path) {
        if (DatabaseUnavailable.causedBy(error)) {
            LOG.warnf("The database cannot be reached for %s: %s", path, error.toString());
            return databaseUnavailable(path);
        }
        LOG.errorf(error, "Unexpected failure of %s", path);
        return respond(new Problem(
                "about:blank",
                "Internal Server Error",
                500,
                "the request could not be completed; the failure has been logged",
                path,
                null,
                null));
    }

    /**
     * The database is unreachable: nothing is the caller's fault and a retry may succeed. A request
     * that carried an Idempotency-Key is safe to retry with the same key whether or not its work
     * committed: its stored answer commits with the work, so the retry replays it or runs once.
     */
    static Response databaseUnavailable(String path) {
        return Response.fromResponse(respond(new Problem(
                        "/problems/database-unavailable",
                        "Database unavailable",
                        503,
                        "the database cannot be reached; retry later (with the same Idempotency-Key, if any)",
                        path,
                        "DATABASE_UNAVAILABLE",
                        null)))
                .header("Retry-After", DATABASE_RETRY_AFTER_SECONDS)
                .build();
    }

    private static Response invalidInput(String detail, List<Problem.FieldError> fields, UriInfo uri) {
        return respond(new Problem(
                typeOf(ErrorCode.INVALID_VALUE),
                titleOf(ErrorCode.INVALID_VALUE),
                400,
                detail,
                uri.getPath(),
                ErrorCode.INVALID_VALUE.name(),
                fields));
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

    /**
     * RFC 9110 status per code: 400 malformed input, 403 not the caller's to do, 404 unknown thing,
     * 409 conflicts with the current state (retrying later or after a re-read may succeed), 422
     * well-formed but refused by a rule whatever the state.
     */
    static int statusOf(ErrorCode code) {
        return switch (code) {
            case INVALID_VALUE -> 400;
            case BULK_REJECTED -> 422;
            case CURRENCY_MISMATCH -> 422;
            case CONCURRENT_MODIFICATION -> 409;
            case AGENT_NOT_FOUND -> 404;
            case AGENT_ALREADY_REGISTERED -> 409;
            case AGENT_DEREGISTERED -> 409;
            case SELF_HIRE -> 422;
            case CAPABILITY_NOT_OFFERED -> 422;
            case PROVIDER_UNAVAILABLE -> 409;
            case CAPACITY_EXCEEDED -> 409;
            case BELOW_LISTED_PRICE -> 422;
            // Issue 5 asks for 409 where draft-ietf-httpapi-idempotency-key-header suggests 422: the
            // key's earlier use is state the request conflicts with.
            case IDEMPOTENCY_MISMATCH -> 409;
            case TRANSACTION_NOT_FOUND -> 404;
            case ILLEGAL_TRANSITION -> 409;
            case NOT_A_PARTY -> 403;
            case DISPUTE_NOT_FOUND -> 404;
            case DISPUTE_WINDOW_CLOSED -> 409;
            case EVIDENCE_DEADLINE_PASSED -> 409;
            case INVALID_REFUND -> 422;
            case FEEDBACK_NOT_ALLOWED -> 403;
            case FEEDBACK_ALREADY_GIVEN -> 409;
            case NO_AGENT_AVAILABLE -> 404;
            case PAYMENT_REQUIRED -> 402;
            case PAYMENT_NOT_ACCEPTED -> 422;
            case PAYMENT_IN_PROGRESS -> 409;
            // Surfaces only where no payment is at stake; a hire turns it into a 402 with the x402 reason.
            case AUTHORIZATION_ALREADY_USED -> 409;
            case PAYMENT_NOT_FOUND -> 404;
            case FACILITATOR_UNAVAILABLE -> 503;
            case RECEIPT_NOT_FOUND -> 404;
            case ROLE_REQUIRED -> 403;
            case ACTING_AS_ANOTHER_AGENT -> 403;
            case CLIENT_ALREADY_EXISTS -> 409;
            case CLIENT_NOT_FOUND -> 404;
            case LOCAL_ISSUER_DISABLED -> 409;
            case IDEMPOTENCY_IN_PROGRESS -> 409;
            case RATE_LIMITED -> 429;
        };
    }

    static String typeOf(ErrorCode code) {
        return "/problems/" + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String titleOf(ErrorCode code) {
        return switch (code) {
            case INVALID_VALUE -> "Invalid value";
            case BULK_REJECTED -> "Bulk request rejected";
            case CURRENCY_MISMATCH -> "Currency mismatch";
            case CONCURRENT_MODIFICATION -> "Concurrent modification";
            case AGENT_NOT_FOUND -> "Agent not found";
            case AGENT_ALREADY_REGISTERED -> "Agent already registered";
            case AGENT_DEREGISTERED -> "Agent deregistered";
            case SELF_HIRE -> "An agent cannot hire itself";
            case CAPABILITY_NOT_OFFERED -> "Capability not offered";
            case PROVIDER_UNAVAILABLE -> "Provider unavailable";
            case CAPACITY_EXCEEDED -> "Capacity exceeded";
            case BELOW_LISTED_PRICE -> "Below the listed price";
            case IDEMPOTENCY_MISMATCH -> "Idempotency key reused with another request";
            case TRANSACTION_NOT_FOUND -> "Transaction not found";
            case ILLEGAL_TRANSITION -> "Illegal transition";
            case NOT_A_PARTY -> "Not a party to the transaction";
            case DISPUTE_NOT_FOUND -> "Dispute not found";
            case DISPUTE_WINDOW_CLOSED -> "Dispute window closed";
            case EVIDENCE_DEADLINE_PASSED -> "Evidence deadline passed";
            case INVALID_REFUND -> "Invalid refund";
            case FEEDBACK_NOT_ALLOWED -> "Feedback not allowed";
            case FEEDBACK_ALREADY_GIVEN -> "Feedback already given";
            case NO_AGENT_AVAILABLE -> "No agent available";
            case PAYMENT_REQUIRED -> "Payment required";
            case PAYMENT_NOT_ACCEPTED -> "Payment not accepted for this provider";
            case PAYMENT_IN_PROGRESS -> "Payment settlement in progress";
            case AUTHORIZATION_ALREADY_USED -> "Payment authorization already used";
            case PAYMENT_NOT_FOUND -> "Payment not found";
            case FACILITATOR_UNAVAILABLE -> "Payment facilitator unavailable";
            case RECEIPT_NOT_FOUND -> "Receipt not found";
            case ROLE_REQUIRED -> "Role required";
            case ACTING_AS_ANOTHER_AGENT -> "Acting as another agent";
            case CLIENT_ALREADY_EXISTS -> "Client already exists";
            case CLIENT_NOT_FOUND -> "Client not found";
            case LOCAL_ISSUER_DISABLED -> "Embedded token issuer disabled";
            case IDEMPOTENCY_IN_PROGRESS -> "Request with this idempotency key in progress";
            case RATE_LIMITED -> "Too many requests";
        };
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }
}
