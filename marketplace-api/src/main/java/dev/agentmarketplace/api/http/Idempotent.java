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
    /** Whether the operation refuses to run without a key (a hire moves money: it does). */
    boolean keyRequired() default false;
}
