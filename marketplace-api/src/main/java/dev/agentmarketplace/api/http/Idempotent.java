package dev.agentmarketplace.api.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST that creates something: an {@code Idempotency-Key} header makes its retry return
 * the first response instead of creating again ({@link IdempotencyFilter}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent {
    /** The OpenAPI description of the header, for the {@code @Parameter} every idempotent operation declares. */
    String HEADER_DESCRIPTION = "16-128 printable ASCII characters chosen by the client. A retry with the same key"
            + " and the same request gets the first successful response again (with Idempotent-Replayed: true)"
            + " instead of creating twice; the same key with a different request is 409 IDEMPOTENCY_MISMATCH.";

    /** Whether the operation refuses to run without a key (a hire moves money: it does). */
    boolean keyRequired() default false;
}
