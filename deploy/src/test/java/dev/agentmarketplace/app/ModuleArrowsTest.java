package dev.agentmarketplace.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The arrows of ARCHITECTURE.md, checked on the classes of every module: persistence and x402 see
 * only the core; the API sees the core and x402; the dashboard sees the core; nothing but this
 * application module sees everything. The core's own arrows (no framework, no adapter) are checked
 * in the core by {@code CoreIsFrameworkFreeTest}.
 */
@AnalyzeClasses(packages = "dev.agentmarketplace", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleArrowsTest {
    private static final String PERSISTENCE = "dev.agentmarketplace.persistence..";
    private static final String X402 = "dev.agentmarketplace.x402..";
    private static final String API = "dev.agentmarketplace.api..";
    private static final String DASHBOARD = "dev.agentmarketplace.dashboard..";
    private static final String APP = "dev.agentmarketplace.app..";

    @ArchTest
    static final ArchRule persistenceDependsOnlyOnCore = noClasses()
            .that()
            .resideInAPackage(PERSISTENCE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(X402, API, DASHBOARD, APP);

    // x402-settlement holds no classes until the settlement issue lands; the rule guards it from then on.
    @ArchTest
    static final ArchRule x402DependsOnlyOnCore = noClasses()
            .that()
            .resideInAPackage(X402)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(PERSISTENCE, API, DASHBOARD, APP)
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule apiDependsOnCoreAndX402Only = noClasses()
            .that()
            .resideInAPackage(API)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(PERSISTENCE, DASHBOARD, APP);

    @ArchTest
    static final ArchRule dashboardDependsOnCoreOnly = noClasses()
            .that()
            .resideInAPackage(DASHBOARD)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(PERSISTENCE, X402, API, APP);

    @ArchTest
    static final ArchRule adaptersNeverTouchEntitiesOfPersistence = noClasses()
            .that()
            .resideOutsideOfPackage(PERSISTENCE)
            .should()
            .dependOnClassesThat()
            .areAnnotatedWith("jakarta.persistence.Entity");
}
