package dev.agentmarketplace.persistence.discovery;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The load counters kept by the ledger's writes, on a fresh database of the real PostgreSQL server. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class LoadCountersFollowTheLedgerOnPostgresIT extends LoadCountersFollowTheLedgerIT {}
