package dev.agentmarketplace.persistence.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class only where PostgreSQL answers. Under CI ({@code CI=true}) the class always runs,
 * so a missing server fails the build instead of silently skipping the PostgreSQL tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PostgresAvailabilityCondition.class)
public @interface EnabledIfPostgresAvailable {}
