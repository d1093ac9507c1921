package dev.agentmarketplace.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** ARCHITECTURE.md: the core is pure Java, so the same rules run anywhere, in one JVM or many. */
@AnalyzeClasses(packages = "dev.agentmarketplace.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreIsFrameworkFreeTest {

    @ArchTest
    static final ArchRule coreImportsNoFramework = noClasses()
            .that()
            .resideInAPackage("dev.agentmarketplace.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.quarkus..", "jakarta..", "javax.persistence..", "org.hibernate..", "java.sql..")
            .because("marketplace-core must stay framework-free (ARCHITECTURE.md)");

    @ArchTest
    static final ArchRule coreSeesNoAdapter = noClasses()
            .that()
            .resideInAPackage("dev.agentmarketplace.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.agentmarketplace.persistence..",
                    "dev.agentmarketplace.api..",
                    "dev.agentmarketplace.dashboard..",
                    "dev.agentmarketplace.x402..",
                    "dev.agentmarketplace.app..")
            .because("adapters depend on the core, never the other way round");
}
