package com.chatnation.crm.application.platform.kafka;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The inbound adapter depends on the ingestion it carries, never the reverse; the rest uses Kafka through records. */
class KafkaDependenciesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.chatnation.crm.application");

    @Test
    void ingestionKnowsNothingOfKafkaButItsAdapter() {
        noClasses().that().resideInAPackage("com.chatnation.crm.application.conversations.ingestion")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.chatnation.crm.application.conversations.ingestion.kafka..",
                        "org.apache.kafka..", "org.springframework.kafka..")
                .check(CLASSES);
    }

    @Test
    void outsideTheKafkaPackagesOnlyTheDomainEventRecordsAndTheConditionsAreUsed() {
        noClasses().that().resideOutsideOfPackages("com.chatnation.crm.application.platform.kafka..",
                        "com.chatnation.crm.application.conversations.ingestion.kafka..")
                .should().dependOnClassesThat(resideInAPackage("com.chatnation.crm.application.platform.kafka..")
                        .and(not(equivalentTo(DomainEventRecords.class)))
                        .and(not(equivalentTo(KafkaNotConfigured.class))))
                .check(CLASSES);
    }
}
