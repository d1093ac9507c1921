package dev.agentmarketplace.persistence.market;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The market rollups' contract, late commits, skipped cursors and racing replicas, on a fresh PostgreSQL database. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class SqlMarketActivityOnPostgresIT extends SqlMarketActivityIT {}
