package dev.agentmarketplace.api.problem;

/** A request body beyond {@code marketplace.api.max-body-bytes}; answered with 413. */
public final class RequestTooLargeException extends RuntimeException {
    public RequestTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
    }
}
