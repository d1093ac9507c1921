package dev.agentmarketplace.api.problem;

/** A request body beyond {@code marketplace.api.max-body-bytes}; answered with 413. */
public final class RequestTooLargeException extends RuntimeException {
    public RequestTooLargeException(long limit) {
        super(detail(limit));
    }

    /** The 413's detail, whichever layer refuses the body (JAX-RS here, or the HTTP layer before it). */
    public static String detail(long limit) {
        return "the request body is larger than " + limit + " bytes";
    }
}
