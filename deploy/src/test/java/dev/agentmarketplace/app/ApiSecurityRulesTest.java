package dev.agentmarketplace.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

/** No API resource can be added without authentication: the build fails instead. */
class ApiSecurityRulesTest {
    private final JavaClasses api = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.agentmarketplace.api");

    @Test
    void everyApiResourceNeedsAnAuthenticatedCaller() {
        classes()
                .that()
                .areAnnotatedWith(Path.class)
                .should()
                .beAnnotatedWith(Authenticated.class)
                .because("every /api/v1 operation acts for a caller (issue 5: an agent acts only as itself)")
                .check(api);
    }
}
