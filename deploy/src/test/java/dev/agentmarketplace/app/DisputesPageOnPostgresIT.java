package dev.agentmarketplace.app;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The page again, on a fresh database of the real PostgreSQL server: its keyset pages and filters run there in production. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class DisputesPageOnPostgresIT extends DisputesPageIT {}
