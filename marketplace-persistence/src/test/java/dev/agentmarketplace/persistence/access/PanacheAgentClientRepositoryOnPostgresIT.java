package dev.agentmarketplace.persistence.access;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The embedded issuer's clients again, on a fresh database of the real PostgreSQL server. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class PanacheAgentClientRepositoryOnPostgresIT extends PanacheAgentClientRepositoryIT {}
