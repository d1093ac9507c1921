package dev.agentmarketplace.app;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The platform with an x402 facilitator: {@link FakeFacilitator} on 127.0.0.1. */
public class FacilitatorProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeFacilitator.class));
    }
}
