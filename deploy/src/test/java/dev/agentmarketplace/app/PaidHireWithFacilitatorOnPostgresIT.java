package dev.agentmarketplace.app;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Settlement through a facilitator again, its outbox on the real PostgreSQL server. */
@QuarkusTest
@TestProfile(FacilitatorOnPostgresProfile.class)
@EnabledIfPostgresAvailable
class PaidHireWithFacilitatorOnPostgresIT extends PaidHireWithFacilitatorIT {}
