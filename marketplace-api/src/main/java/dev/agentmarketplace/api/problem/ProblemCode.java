package dev.agentmarketplace.api.problem;

import dev.agentmarketplace.core.ErrorCode;
import java.util.List;
import java.util.Locale;

/**
 * The one table of problem codes: every code the API answers with, its HTTP status, its title and
 * (derived from the name) its RFC 9457 type. The domain's {@link ErrorCode}s appear under the same
 * names, next to the codes of the HTTP layer (routing, media types, limits, authentication).
 * {@code ProblemCodeTest} pins every row against a golden file, so a change is a reviewed diff.
 *
 * <p>Statuses follow RFC 9110: 400 malformed input, 403 not the caller's to do, 404 unknown thing, 409
 * conflicts with the current state (retrying later or after a re-read may succeed), 422 well-formed
 * but refused by a rule whatever the state.
 */
public enum ProblemCode {
    // The domain's codes (ErrorCode), same names.
    INVALID_VALUE(400, "Invalid value"),
    BULK_REJECTED(422, "Bulk request rejected"),
    CURRENCY_MISMATCH(422, "Currency mismatch"),
    // The request lacks the currency that would make its prices comparable: the caller's to add.
    MIXED_CURRENCIES(400, "Prices in several currencies"),
    CONCURRENT_MODIFICATION(409, "Concurrent modification"),
    AGENT_NOT_FOUND(404, "Agent not found"),
    AGENT_ALREADY_REGISTERED(409, "Agent already registered"),
    AGENT_DEREGISTERED(409, "Agent deregistered"),
    SELF_HIRE(422, "An agent cannot hire itself"),
    CAPABILITY_NOT_OFFERED(422, "Capability not offered"),
    PROVIDER_UNAVAILABLE(409, "Provider unavailable"),
    CAPACITY_EXCEEDED(409, "Capacity exceeded"),
    BELOW_LISTED_PRICE(422, "Below the listed price"),
    // Issue 5 asks for 409 where draft-ietf-httpapi-idempotency-key-header suggests 422: the key's
    // earlier use is state the request conflicts with.
    IDEMPOTENCY_MISMATCH(409, "Idempotency key reused with another request"),
    TRANSACTION_NOT_FOUND(404, "Transaction not found"),
    ILLEGAL_TRANSITION(409, "Illegal transition"),
    NOT_A_PARTY(403, "Not a party to the transaction"),
    DISPUTE_NOT_FOUND(404, "Dispute not found"),
    DISPUTE_WINDOW_CLOSED(409, "Dispute window closed"),
    EVIDENCE_DEADLINE_PASSED(409, "Evidence deadline passed"),
    INVALID_REFUND(422, "Invalid refund"),
    FEEDBACK_NOT_ALLOWED(403, "Feedback not allowed"),
    FEEDBACK_ALREADY_GIVEN(409, "Feedback already given"),
    NO_AGENT_AVAILABLE(404, "No agent available"),
    PAYMENT_REQUIRED(402, "Payment required"),
    PAYMENT_NOT_ACCEPTED(422, "Payment not accepted for this provider"),
    PAYMENT_IN_PROGRESS(409, "Payment settlement in progress"),
    // Surfaces only where no payment is at stake; a hire turns it into a 402 with the x402 reason.
    AUTHORIZATION_ALREADY_USED(409, "Payment authorization already used"),
    PAYMENT_NOT_FOUND(404, "Payment not found"),
    FACILITATOR_UNAVAILABLE(503, "Payment facilitator unavailable"),
    RECEIPT_NOT_FOUND(404, "Receipt not found"),
    ROLE_REQUIRED(403, "Role required"),
    ACTING_AS_ANOTHER_AGENT(403, "Acting as another agent"),
    CLIENT_ALREADY_EXISTS(409, "Client already exists"),
    CLIENT_NOT_FOUND(404, "Client not found"),
    LOCAL_ISSUER_DISABLED(409, "Embedded token issuer disabled"),
    SIGN_IN_LINK_USED(409, "Sign-in link already used"),
    IDEMPOTENCY_IN_PROGRESS(409, "Request with this idempotency key in progress"),
    RATE_LIMITED(429, "Too many requests"),

    // The HTTP layer's codes; a bare HTTP status keeps its RFC 9110 reason phrase as its title.
    MALFORMED_JSON(400, "Malformed JSON"),
    BAD_REQUEST(400, "Bad Request"),
    UNAUTHENTICATED(401, "Unauthenticated"),
    NOT_FOUND(404, "Not Found"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
    NOT_ACCEPTABLE(406, "Not Acceptable"),
    REQUEST_TOO_LARGE(413, "Request too large"),
    URI_TOO_LONG(414, "URI Too Long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
    HEADER_FIELDS_TOO_LARGE(431, "Request Header Fields Too Large"),
    INTERNAL_ERROR(500, "Internal Server Error"),
    IDENTITY_PROVIDER_UNAVAILABLE(503, "Identity provider unavailable"),
    DATABASE_UNAVAILABLE(503, "Database unavailable");

    private final int status;
    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** {@code /problems/} and the code in lower case with hyphens: {@code /problems/agent-not-found}. */
    public String type() {
        return "/problems/" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The row of a domain code; {@code ProblemCodeTest} checks that every one has a row. */
    public static ProblemCode of(ErrorCode code) {
        return valueOf(code.name());
    }

    /**
     * The HTTP layer's code for a bare status, from a routing or protocol error that carries no code
     * of its own. A status without a row of its own is answered as the nearest class: BAD_REQUEST for
     * a 4xx, INTERNAL_ERROR otherwise.
     */
    public static ProblemCode ofStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> REQUEST_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 431 -> HEADER_FIELDS_TOO_LARGE;
            default -> status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
        };
    }

    /**
     * What a problem of this code says when the HTTP layer gave nothing more than a bare status (a
     * path nothing serves, a method, a media type), for ProblemMapper and HttpEdges alike.
     */
    public String bareDetail() {
        return switch (this) {
            case NOT_FOUND -> "no resource at this path";
            case METHOD_NOT_ALLOWED -> "this resource does not support this method";
            case NOT_ACCEPTABLE -> "no representation of this resource matches the Accept header";
            case UNSUPPORTED_MEDIA_TYPE -> "this operation does not read a body of this Content-Type";
            default -> "the request cannot be processed";
        };
    }

    /** A problem of this code for {@code instance}. */
    public Problem problem(String detail, String instance) {
        return new Problem(type(), title, status, detail, instance, name(), null);
    }

    public Problem problem(String detail, String instance, List<Problem.FieldError> errors) {
        return new Problem(type(), title, status, detail, instance, name(), errors);
    }
}
