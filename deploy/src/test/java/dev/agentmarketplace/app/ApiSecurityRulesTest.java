package dev.agentmarketplace.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
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
                .should(beAuthenticatedUnderApiV1OrPublicByChoiceElsewhere())
                .because("every /api/v1 operation acts for a caller (issue 5: an agent acts only as itself), and"
                        + " an endpoint anyone may call (a well-known document) says so explicitly")
                .check(api);
    }

    private static ArchCondition<JavaClass> beAuthenticatedUnderApiV1OrPublicByChoiceElsewhere() {
        return new ArchCondition<>("be @Authenticated under /api/v1, and @Authenticated or @PermitAll elsewhere") {
            @Override
            public void check(JavaClass resource, ConditionEvents events) {
                String path = resource.getAnnotationOfType(Path.class).value();
                boolean authenticated = resource.isAnnotatedWith(Authenticated.class);
                boolean satisfied = path.startsWith("/api/v1")
                        ? authenticated
                        : authenticated || resource.isAnnotatedWith(PermitAll.class);
                events.add(new SimpleConditionEvent(
                        resource,
                        satisfied,
                        resource.getName() + " at " + path + " is "
                                + (satisfied ? "secured as required" : "not secured as required")));
            }
        };
    }
}
