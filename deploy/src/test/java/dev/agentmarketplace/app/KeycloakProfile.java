package dev.agentmarketplace.app;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The platform as production runs it: the embedded issuer off, Keycloak verifying every token. */
public class KeycloakProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KeycloakServer.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
