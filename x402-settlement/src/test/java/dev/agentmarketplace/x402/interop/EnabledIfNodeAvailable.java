package dev.agentmarketplace.x402.interop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class only where Node.js and the pinned reference packages are installed. Under CI
 * ({@code CI=true}) the class always runs, so a missing Node.js fails the build instead of skipping.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NodeAvailabilityCondition.class)
public @interface EnabledIfNodeAvailable {}
