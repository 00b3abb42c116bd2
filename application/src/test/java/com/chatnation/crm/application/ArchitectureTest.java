package com.chatnation.crm.application;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the layering honest: a pure domain, projections that only ever see events, and an application cut into a
 * platform that knows no feature and feature slices that use only what the README's map allows.
 */
class ArchitectureTest {

    private static JavaClasses classes;
    /** Main and test classes, to see which types other packages use; the rules judge main classes only. */
    private static JavaClasses withTests;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.chatnation.crm");
        withTests = new ClassFileImporter().importPackages("com.chatnation.crm");
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


    private static final String APP = "com.chatnation.crm.application";

    /** The README's map: each feature slice and the slices it may use; the platform may use none. */
    private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("conversations", Set.of("ticketing", "broadcasts", "knowledge", "programs", "agenda", "exhibitors",
                    "payments")),
            Map.entry("billing", Set.of("media")),
            Map.entry("surveys", Set.of()),
            Map.entry("ticketing", Set.of("media")),
            Map.entry("organizations", Set.of("staff")),
            Map.entry("staff", Set.of()),
            Map.entry("audit", Set.of()),
            Map.entry("privacy", Set.of()),
            Map.entry("broadcasts", Set.of("contacts", "billing")),
            Map.entry("dashboard", Set.of("media")),
            Map.entry("contacts", Set.of()),
            Map.entry("analytics", Set.of()),
            Map.entry("engagement", Set.of()),
            Map.entry("templates", Set.of()),
            Map.entry("inbox", Set.of()),
            Map.entry("polls", Set.of("contacts")),
            Map.entry("knowledge", Set.of()),
            Map.entry("media", Set.of()),
            Map.entry("hypecards", Set.of("media")),
            Map.entry("programs", Set.of("media")),
            Map.entry("agenda", Set.of()),
            Map.entry("exhibitors", Set.of()),
            Map.entry("platformanalytics", Set.of()),
            Map.entry("payments", Set.of("ticketing", "billing")));

    @Test
    void noPackageDependsOnItselfInACircle() {
        slices().matching("com.chatnation.crm.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void thePlatformKnowsNoFeature() {
        noClasses().that().resideInAPackage(APP + ".platform..")
                .should().dependOnClassesThat().resideInAnyPackage(MAY_USE.keySet().stream()
                        .map(slice -> APP + "." + slice + "..").toArray(String[]::new))
                .because("inbox lanes, batching, rebuilds, transactions, Axon wiring, security and transports serve "
                        + "every feature and know none")
                .check(classes);
    }

    @Test
    void featureSlicesUseOnlyTheSlicesTheMapAllows() {
        for (Map.Entry<String, Set<String>> slice : MAY_USE.entrySet()) {
            String[] forbidden = MAY_USE.keySet().stream()
                    .filter(other -> !other.equals(slice.getKey()) && !slice.getValue().contains(other))
                    .map(other -> APP + "." + other + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage(APP + "." + slice.getKey() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .because("the README's map says which slices " + slice.getKey() + " may use")
                    .check(classes);
        }
    }

    @Test
    void typesArePublicOnlyWhenAnotherPackageUsesThem() {
        classes().that().resideInAPackage(APP + "..").and().arePublic().and().areTopLevelClasses()
                .should(beUsedFromAnotherPackage())
                .because("a type no other package needs stays package-private, so a package's insides are its own")
                .check(classes);
    }

    /**
     * Uses no class file shows: constants, which the compiler copies into their users (processing group names, the
     * platform key's header name), a type named only as a loop variable (the load benchmark's baseline), and a
     * service that {@code ServiceLoader} instantiates (it must be public).
     */
    private static final Set<String> USED_INVISIBLY = Set.of(
            APP + ".billing.ReplyDispatcher", APP + ".platform.kafka.DomainEventPublisher",
            APP + ".platform.security.PlatformKey", APP + ".platform.axon.CommandCatalogs",
            APP + ".conversations.ingestion.WebhookItem", APP + ".platform.axon.FastIdentifierFactory");

    /**
     * Used by a class of another package (tests included; a use of a nested type counts for its top-level type),
     * or started by Spring Boot from spring.factories.
     */
    private static ArchCondition<JavaClass> beUsedFromAnotherPackage() {
        Set<String> usedElsewhere = new java.util.HashSet<>();
        for (JavaClass origin : withTests) {
            for (var dependency : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (!target.getPackageName().equals(origin.getPackageName())) {
                    usedElsewhere.add(target.getName().replaceAll("\\$.*", ""));
                }
            }
        }
        return new ArchCondition<>("be used from another package") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean startedByBoot = type.isAssignableTo("org.springframework.boot.env.EnvironmentPostProcessor");
                if (!usedElsewhere.contains(type.getName()) && !startedByBoot
                        && !USED_INVISIBLY.contains(type.getName())) {
                    events.add(SimpleConditionEvent.violated(type, type.getName() + " is public but no other package uses it"));
                }
            }
        };
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
