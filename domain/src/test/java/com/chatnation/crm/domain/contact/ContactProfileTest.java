package com.chatnation.crm.domain.contact;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static com.chatnation.crm.domain.contact.ConsentSource.API;
import static com.chatnation.crm.domain.contact.ConsentSource.IMPORT;
import static com.chatnation.crm.domain.contact.ConsentStatus.OPTED_IN;
import static com.chatnation.crm.domain.contact.ConsentStatus.OPTED_OUT;

class ContactProfileTest {

    private static final String ORG = "org-1";
    private static final String CONTACT = "7f0c6a8e-0000-4000-8000-000000000001";
    private static final String ID = ContactProfileId.of(ORG, CONTACT);
    private static final Instant NOW = Instant.parse("2030-03-01T09:00:00Z");
    private static final String PHONE = "+254712345678";

    private AggregateTestFixture<ContactProfile> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ContactProfile.class);
    }

    private static Matcher<DomainRuleViolation> violation(String code) {
        return new CustomTypeSafeMatcher<>("DomainRuleViolation with code '" + code + "'") {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code());
            }
        };
    }

    private static ContactTagged tagged(String tag) {
        return new ContactTagged(ID, ORG, CONTACT, tag);
    }

    private static ContactAttributeSet set(String key, String value) {
        return new ContactAttributeSet(ID, ORG, CONTACT, key, value);
    }

    private static ContactProfileErased erased() {
        return new ContactProfileErased(ID, ORG, CONTACT, NOW);
    }

    @Test
    void theFirstTagCreatesTheProfileAndIsNormalized() {
        fixture.givenNoPriorActivity()
                .when(new TagContact(ID, ORG, CONTACT, "  VIP "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(tagged("vip"));
    }

    @Test
    void aTagAlreadyHeldRecordsNothing() {
        fixture.given(tagged("vip")).when(new TagContact(ID, ORG, CONTACT, "VIP")).expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "-vip", "vip list", "vip!", "ñandú"})
    void malformedTagsAreRefused(String tag) {
        fixture.givenNoPriorActivity().when(new TagContact(ID, ORG, CONTACT, tag))
                .expectException(violation("invalid_tag")).expectNoEvents();
    }

    @Test
    void aTagOf65CharactersIsRefusedAnd64Accepted() {
        fixture.givenNoPriorActivity().when(new TagContact(ID, ORG, CONTACT, "a".repeat(65)))
                .expectException(violation("invalid_tag"));
        fixture.givenNoPriorActivity().when(new TagContact(ID, ORG, CONTACT, "a".repeat(64)))
                .expectEvents(tagged("a".repeat(64)));
    }

    @Test
    void theHundredAndFirstTagIsRefused() {
        Object[] hundred = IntStream.range(0, ContactFields.MAX_TAGS).mapToObj(i -> tagged("t" + i)).toArray();
        fixture.given(hundred).when(new TagContact(ID, ORG, CONTACT, "one-more"))
                .expectException(violation("too_many_tags")).expectNoEvents();
    }

    @Test
    void untaggingRemovesAHeldTagAndIgnoresOneNotHeld() {
        fixture.given(tagged("vip")).when(new UntagContact(ID, ORG, CONTACT, "VIP"))
                .expectEvents(new ContactUntagged(ID, ORG, CONTACT, "vip"));
        fixture.given(tagged("vip")).when(new UntagContact(ID, ORG, CONTACT, "other")).expectNoEvents();
    }

    @Test
    void untaggingAContactWithoutProfileFindsNoProfile() {
        fixture.givenNoPriorActivity().when(new UntagContact(ID, ORG, CONTACT, "vip"))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void anAttributeIsSetOnceForTheSameValueAndAgainForAnother() {
        fixture.givenNoPriorActivity().when(new SetContactAttribute(ID, ORG, CONTACT, "city", "Nairobi"))
                .expectEvents(set("city", "Nairobi"));
        fixture.given(set("city", "Nairobi")).when(new SetContactAttribute(ID, ORG, CONTACT, "city", "Nairobi"))
                .expectNoEvents();
        fixture.given(set("city", "Nairobi")).when(new SetContactAttribute(ID, ORG, CONTACT, "city", "Mombasa"))
                .expectEvents(set("city", "Mombasa"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "City", "home-town", "home town", "città"})
    void malformedAttributeKeysAreRefused(String key) {
        fixture.givenNoPriorActivity().when(new SetContactAttribute(ID, ORG, CONTACT, key, "x"))
                .expectException(violation("invalid_attribute_key")).expectNoEvents();
    }

    @Test
    void keysAreAtMost64Characters() {
        fixture.givenNoPriorActivity().when(new SetContactAttribute(ID, ORG, CONTACT, "k".repeat(65), "x"))
                .expectException(violation("invalid_attribute_key"));
        fixture.givenNoPriorActivity().when(new SetContactAttribute(ID, ORG, CONTACT, "k_1".repeat(21) + "k", "x"))
                .expectEvents(set("k_1".repeat(21) + "k", "x"));
    }

    @Test
    void valuesAreNotBlankAndAtMost1000Characters() {
        fixture.givenNoPriorActivity().when(new SetContactAttribute(ID, ORG, CONTACT, "note", " "))
                .expectException(violation("invalid_attribute_value"));
        fixture.givenNoPriorActivity().when(new SetContactAttribute(ID, ORG, CONTACT, "note", null))
                .expectException(violation("invalid_attribute_value"));
        fixture.givenNoPriorActivity().when(new SetContactAttribute(ID, ORG, CONTACT, "note", "x".repeat(1001)))
                .expectException(violation("invalid_attribute_value"));
        fixture.givenNoPriorActivity().when(new SetContactAttribute(ID, ORG, CONTACT, "note", "x".repeat(1000)))
                .expectEvents(set("note", "x".repeat(1000)));
    }

    @Test
    void theHundredAndFirstAttributeIsRefusedButAnExistingOneMayChange() {
        Object[] hundred = IntStream.range(0, ContactFields.MAX_ATTRIBUTES).mapToObj(i -> set("k" + i, "v")).toArray();
        fixture.given(hundred).when(new SetContactAttribute(ID, ORG, CONTACT, "extra", "v"))
                .expectException(violation("too_many_attributes"));
        fixture.given(hundred).when(new SetContactAttribute(ID, ORG, CONTACT, "k7", "w"))
                .expectEvents(set("k7", "w"));
    }

    @Test
    void removingAnAttributeRecordsOnlyWhenItWasSet() {
        fixture.given(set("city", "Nairobi")).when(new RemoveContactAttribute(ID, ORG, CONTACT, "city"))
                .expectEvents(new ContactAttributeRemoved(ID, ORG, CONTACT, "city"));
        fixture.given(set("city", "Nairobi")).when(new RemoveContactAttribute(ID, ORG, CONTACT, "town"))
                .expectNoEvents();
    }

    @Test
    void anErasedValueStillCountsAsSetSoItCanBeRemoved() {
        // erased contacts' sealed values read back as null
        fixture.given(set("city", null)).when(new RemoveContactAttribute(ID, ORG, CONTACT, "city"))
                .expectEvents(new ContactAttributeRemoved(ID, ORG, CONTACT, "city"));
    }

    @Test
    void consentIsRecordedOnChangeOnlyWithItsSourceAndTime() {
        fixture.givenNoPriorActivity().when(new RecordConsent(ID, ORG, CONTACT, OPTED_IN, API, NOW))
                .expectEvents(new ContactConsentRecorded(ID, ORG, CONTACT, OPTED_IN, API, NOW));
        fixture.given(new ContactConsentRecorded(ID, ORG, CONTACT, OPTED_IN, API, NOW))
                .when(new RecordConsent(ID, ORG, CONTACT, OPTED_IN, IMPORT, NOW.plusSeconds(5))).expectNoEvents();
        fixture.given(new ContactConsentRecorded(ID, ORG, CONTACT, OPTED_IN, API, NOW))
                .when(new RecordConsent(ID, ORG, CONTACT, OPTED_OUT, API, NOW.plusSeconds(5)))
                .expectEvents(new ContactConsentRecorded(ID, ORG, CONTACT, OPTED_OUT, API, NOW.plusSeconds(5)));
    }

    @Test
    void consentWithoutStatusSourceOrTimeIsRefused() {
        fixture.givenNoPriorActivity().when(new RecordConsent(ID, ORG, CONTACT, null, API, NOW))
                .expectException(violation("invalid_consent"));
        fixture.givenNoPriorActivity().when(new RecordConsent(ID, ORG, CONTACT, OPTED_IN, null, NOW))
                .expectException(violation("invalid_consent"));
        fixture.givenNoPriorActivity().when(new RecordConsent(ID, ORG, CONTACT, OPTED_IN, API, null))
                .expectException(violation("invalid_consent"));
    }

    @Test
    void anImportedRowRecordsTheContactTagsAttributesAndConsent() {
        fixture.givenNoPriorActivity()
                .when(new ImportContact(ID, ORG, CONTACT, PHONE, " Wanjiku ", List.of("VIP", "donor", "vip"),
                        Map.of("town", "Nakuru", "age", "31"), OPTED_IN, "imp-1", NOW))
                .expectEvents(new ContactImported(ID, ORG, CONTACT, PHONE, "Wanjiku", "imp-1"), tagged("vip"),
                        tagged("donor"), set("age", "31"), set("town", "Nakuru"),
                        new ContactConsentRecorded(ID, ORG, CONTACT, OPTED_IN, IMPORT, NOW));
    }

    @Test
    void importingTheSameRowAgainRecordsNothing() {
        fixture.given(new ContactImported(ID, ORG, CONTACT, PHONE, "Wanjiku", "imp-1"), tagged("vip"),
                        set("town", "Nakuru"), new ContactConsentRecorded(ID, ORG, CONTACT, OPTED_IN, IMPORT, NOW))
                .when(new ImportContact(ID, ORG, CONTACT, PHONE, "Wanjiku", List.of("vip"), Map.of("town", "Nakuru"),
                        OPTED_IN, "imp-2", NOW.plusSeconds(60)))
                .expectNoEvents();
    }

    @Test
    void aRowWithOneBadFieldAppliesNothing() {
        fixture.givenNoPriorActivity()
                .when(new ImportContact(ID, ORG, CONTACT, PHONE, "Wanjiku", List.of("vip", "bad tag"), Map.of(),
                        null, "imp-1", NOW))
                .expectException(violation("invalid_tag")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ImportContact(ID, ORG, CONTACT, PHONE, "Wanjiku", List.of("vip"),
                        Map.of("Bad Key", "x"), null, "imp-1", NOW))
                .expectException(violation("invalid_attribute_key")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ImportContact(ID, ORG, CONTACT, "+12", "Wanjiku", List.of(), Map.of(), null, "imp-1", NOW))
                .expectException(violation("invalid_phone_number")).expectNoEvents();
    }

    @Test
    void anErasedProfileRefusesEveryChange() {
        fixture.given(tagged("vip"), erased()).when(new TagContact(ID, ORG, CONTACT, "vip"))
                .expectException(violation("contact_erased"));
        fixture.given(erased()).when(new SetContactAttribute(ID, ORG, CONTACT, "city", "x"))
                .expectException(violation("contact_erased"));
        fixture.given(erased()).when(new RecordConsent(ID, ORG, CONTACT, OPTED_IN, API, NOW))
                .expectException(violation("contact_erased"));
        fixture.given(erased()).when(new ImportContact(ID, ORG, CONTACT, PHONE, null, List.of(), Map.of(), null, "i", NOW))
                .expectException(violation("contact_erased"));
        fixture.given(erased()).when(new UntagContact(ID, ORG, CONTACT, "vip"))
                .expectException(violation("contact_erased"));
        fixture.given(erased()).when(new RemoveContactAttribute(ID, ORG, CONTACT, "city"))
                .expectException(violation("contact_erased"));
    }

    @Test
    void erasureIsRecordedOnceEvenWithoutAProfile() {
        fixture.givenNoPriorActivity().when(new EraseContactProfile(ID, ORG, CONTACT, NOW)).expectEvents(erased());
        fixture.given(erased()).when(new EraseContactProfile(ID, ORG, CONTACT, NOW)).expectNoEvents();
    }
}
