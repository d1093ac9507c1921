package dev.agentmarketplace.app;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Concurrent reconciliations of one payment again, on PostgreSQL, where row locks really run in parallel. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class ReconciliationConcurrencyOnPostgresIT extends ReconciliationConcurrencyIT {}
