package dev.agentmarketplace.api.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST that creates something or moves a state: an {@code Idempotency-Key} header makes its
 * retry return the first response instead of acting again ({@link IdempotencyFilter} reads the key,
 * the operation goes through {@link IdempotentCall#once} after its authorization).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent {
    /** The OpenAPI description of the header, for the {@code @Parameter} every idempotent operation declares. */
    String HEADER_DESCRIPTION = "16-128 printable ASCII characters chosen by the client. A retry with the same key"
            + " and the same request gets the first successful response again (with Idempotent-Replayed: true)"
            + " instead of acting twice; the same key with a different request is 409 IDEMPOTENCY_MISMATCH. The"
            + " answer is kept in the transaction of the change, so a retry after a 5xx or a lost answer is safe:"
            + " it replays what committed or runs once. A replay is only served to a caller still allowed to ask.";

    /** Whether the operation refuses to run without a key (a hire moves money: it does). */
    boolean keyRequired() default false;
}
