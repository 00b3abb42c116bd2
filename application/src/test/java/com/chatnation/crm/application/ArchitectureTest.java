package com.chatnation.crm.application;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the layering honest: a pure domain, and projections that only ever see events. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.chatnation.crm");
    }

    @Test
    void domainDependsOnNoSpringJpaOrSql() {
        noClasses().that().resideInAPackage("com.chatnation.crm.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "jakarta.persistence..", "javax.persistence..",
                        "java.sql..", "javax.sql..", "org.hibernate..", "org.postgresql..", "org.flywaydb..")
                .because("the domain is pure Java plus Axon's modelling API")
                .check(classes);
    }

    @Test
    void domainDoesNotReachIntoOuterModules() {
        noClasses().that().resideInAPackage("com.chatnation.crm.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.chatnation.crm.application..", "com.chatnation.crm.projections..")
                .check(classes);
    }

    @Test
    void projectionsTouchNoCommandSideClassesButEvents() {
        noClasses().that().resideInAPackage("com.chatnation.crm.projections..")
                .should().dependOnClassesThat(commandSide())
                .because("read models are built from events alone")
                .check(classes);
    }

    @Test
    void projectionsDoNotDependOnTheApplication() {
        noClasses().that().resideInAPackage("com.chatnation.crm.projections..")
                .should().dependOnClassesThat().resideInAPackage("com.chatnation.crm.application..")
                .check(classes);
    }

    @Test
    void accessIsDecidedOnlyBySpringSecurity() {
        noClasses().that().resideInAPackage("com.chatnation.crm.application..")
                .should().beAssignableTo("jakarta.servlet.Filter")
                .orShould().callMethod("jakarta.servlet.http.HttpServletRequest", "getRequestURI")
                .because("who may call what is decided once, in security.AccessRules, on the path Spring MVC routes on;"
                        + " a filter reading the raw URI decides on a different path than the one routed")
                .check(classes);
    }

    @Test
    void securityKnowsNoFeature() {
        noClasses().that().resideInAPackage("com.chatnation.crm.application.security..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.chatnation.crm.application.staff..", "com.chatnation.crm.application.organizations..",
                        "com.chatnation.crm.application.wallet..", "com.chatnation.crm.application.surveys..",
                        "com.chatnation.crm.application.ticketing..", "com.chatnation.crm.application.conversations..",
                        "com.chatnation.crm.application.dashboard..", "com.chatnation.crm.application.analytics..",
                        "com.chatnation.crm.application.replies..", "com.chatnation.crm.application.ingestion..")
                .because("security is platform: the staff slice plugs in through CredentialLookup")
                .check(classes);
    }

    /** Aggregates (they handle commands) and commands (they target an aggregate). */
    private static DescribedPredicate<JavaClass> commandSide() {
        return DescribedPredicate.describe("aggregates or commands", type ->
                type.getPackageName().startsWith("com.chatnation.crm.domain")
                        && (type.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(CommandHandler.class))
                        || type.getConstructors().stream().anyMatch(c -> c.isAnnotatedWith(CommandHandler.class))
                        || type.getFields().stream().anyMatch(f -> f.isAnnotatedWith(TargetAggregateIdentifier.class))
                        || type.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(TargetAggregateIdentifier.class))));
    }
}
