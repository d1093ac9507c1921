package dev.agentmarketplace.persistence.discovery;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every listing test again, on a fresh database of the real PostgreSQL server. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class SqlAgentCatalogOnPostgresIT extends SqlAgentCatalogIT {}
