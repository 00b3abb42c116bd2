package com.chatnation.crm.application.kafka;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The transport depends on the features it carries, never the reverse. */
class KafkaDependenciesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.chatnation.crm.application");

    @Test
    void ingestionKnowsNothingOfKafka() {
        noClasses().that().resideInAPackage("com.chatnation.crm.application.ingestion..")
                .should().dependOnClassesThat().resideInAnyPackage("com.chatnation.crm.application.kafka..",
                        "org.apache.kafka..", "org.springframework.kafka..")
                .check(CLASSES);
    }

    @Test
    void outsideTheKafkaPackageOnlyTheDomainEventRecordsAreUsed() {
        noClasses().that().resideOutsideOfPackage("com.chatnation.crm.application.kafka..")
                .should().dependOnClassesThat(resideInAPackage("com.chatnation.crm.application.kafka..")
                        .and(not(equivalentTo(DomainEventRecords.class))))
                .check(CLASSES);
    }
}
