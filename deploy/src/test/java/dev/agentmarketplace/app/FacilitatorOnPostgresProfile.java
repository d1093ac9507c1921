package dev.agentmarketplace.app;

import dev.agentmarketplace.persistence.testing.PostgresProfile;
import java.util.List;
import java.util.stream.Stream;

/** The platform with an x402 facilitator ({@link FakeFacilitator}) on a database of the real PostgreSQL server. */
public class FacilitatorOnPostgresProfile extends PostgresProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return Stream.concat(super.testResources().stream(), new FacilitatorProfile().testResources().stream())
                .toList();
    }
}
