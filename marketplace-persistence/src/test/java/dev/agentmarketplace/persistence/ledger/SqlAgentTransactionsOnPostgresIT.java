package dev.agentmarketplace.persistence.ledger;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The latest transactions again, on a fresh database of the real PostgreSQL server. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class SqlAgentTransactionsOnPostgresIT extends SqlAgentTransactionsIT {}
