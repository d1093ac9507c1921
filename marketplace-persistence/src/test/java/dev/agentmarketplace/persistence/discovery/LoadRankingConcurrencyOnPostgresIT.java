package dev.agentmarketplace.persistence.discovery;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Hires, cancels and the load sweep racing over the ranking rows, on the real PostgreSQL server. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class LoadRankingConcurrencyOnPostgresIT extends LoadRankingConcurrencyIT {}
