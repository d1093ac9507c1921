package dev.agentmarketplace.persistence.ledger;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresProfile;
import dev.agentmarketplace.persistence.testing.PostgresTestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;

/** The migration tests on scratch PostgreSQL databases, with the PostgreSQL build's vendor migrations. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class LedgerSchemaMigrationOnPostgresIT extends LedgerSchemaMigrationIT {

    @Override
    protected Scratch createScratchDatabase() {
        PostgresTestDatabase database = new PostgresTestDatabase();
        Map<String, String> settings = database.start();
        return new Scratch(
                settings.get("quarkus.datasource.jdbc.url"),
                settings.get("quarkus.datasource.username"),
                settings.get("quarkus.datasource.password"),
                database::stop);
    }

    @Override
    protected List<String> ledgerVersions() {
        return List.of("3", "3.1", "4");
    }
}
