package dev.agentmarketplace.app;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** One authorization presented many times at once, on a fresh database of the real PostgreSQL server. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class PaidHireConcurrencyOnPostgresIT extends PaidHireConcurrencyIT {}
