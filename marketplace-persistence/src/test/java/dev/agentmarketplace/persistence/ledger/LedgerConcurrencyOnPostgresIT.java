package dev.agentmarketplace.persistence.ledger;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The ledger under concurrent load again, on the real PostgreSQL server: row locks, not H2's, decide here. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class LedgerConcurrencyOnPostgresIT extends LedgerConcurrencyIT {}
