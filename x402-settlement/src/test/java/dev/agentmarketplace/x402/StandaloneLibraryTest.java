package dev.agentmarketplace.x402;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * A Java agent can use this module on its own (issue 6): besides the JDK it may need only the
 * core and Bouncy Castle, never a framework or a JSON library it would have to bring along.
 */
@AnalyzeClasses(packages = "dev.agentmarketplace.x402", importOptions = ImportOption.DoNotIncludeTests.class)
class StandaloneLibraryTest {

    @ArchTest
    static final ArchRule onlyTheJdkTheCoreAndACryptoLibrary = classes()
            .that()
            .resideInAPackage("dev.agentmarketplace.x402..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..", "dev.agentmarketplace.x402..", "dev.agentmarketplace.core..", "org.bouncycastle..")
            .because("x402-settlement depends only on the core and a crypto library (ARCHITECTURE.md)");
}
