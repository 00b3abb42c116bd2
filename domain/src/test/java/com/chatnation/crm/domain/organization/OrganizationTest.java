package com.chatnation.crm.domain.organization;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrganizationTest {

    private static final PriceList PRICES = new PriceList(List.of(
            new TokenPrice("surveys", "reply", 1), new TokenPrice("ai", "answer", 5)));

    private AggregateTestFixture<Organization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
    }

    @Test
    void onboards() {
        fixture.givenNoPriorActivity()
                .when(new OnboardOrganization("org-1", " Acme Events ", "1234567890", PRICES, 100, "hash"))
                .expectEvents(new OrganizationOnboarded("org-1", "Acme Events", "1234567890", PRICES, 100, "hash"));
    }

    @Test
    void refusesNonNumericPhoneNumberId() {
        fixture.givenNoPriorActivity()
                .when(new OnboardOrganization("org-1", "Acme", "+254 7", PRICES, 100, "hash"))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("WhatsApp phone_number_id must be the numeric id Meta assigned, was '+254 7'")
                .expectNoEvents();
    }

    @Test
    void refusesBlankName() {
        fixture.givenNoPriorActivity()
                .when(new OnboardOrganization("org-1", "", "123", PRICES, 100, "hash"))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("name is required");
    }

    @Test
    void refusesNegativeThreshold() {
        fixture.givenNoPriorActivity()
                .when(new OnboardOrganization("org-1", "Acme", "123", PRICES, -1, "hash"))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("low-balance threshold cannot be negative");
    }

    @Test
    void refusesMissingApiKeyHash() {
        fixture.givenNoPriorActivity()
                .when(new OnboardOrganization("org-1", "Acme", "123", PRICES, 1, null))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("api key hash is required");
    }

    @Test
    void changesPrices() {
        PriceList newPrices = new PriceList(List.of(new TokenPrice("surveys", "reply", 2)));
        fixture.given(new OrganizationOnboarded("org-1", "Acme", "123", PRICES, 100, "hash"))
                .when(new ChangePriceList("org-1", newPrices))
                .expectEvents(new PriceListChanged("org-1", newPrices))
                .expectState(org -> assertThat(org.priceList().priceOf("surveys", "reply")).contains(2L));
    }

    @Test
    void unchangedPricesEmitNothing() {
        fixture.given(new OrganizationOnboarded("org-1", "Acme", "123", PRICES, 100, "hash"))
                .when(new ChangePriceList("org-1", PRICES))
                .expectNoEvents();
    }

    @Test
    void refusesMissingPriceList() {
        fixture.given(new OrganizationOnboarded("org-1", "Acme", "123", PRICES, 100, "hash"))
                .when(new ChangePriceList("org-1", null))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("price list is required");
    }

    @Test
    void priceListRefusesDuplicatesAndNegativePrices() {
        assertThatThrownBy(() -> new PriceList(List.of(new TokenPrice("a", "b", 1), new TokenPrice("a", "b", 2))))
                .hasMessage("price list names a/b more than once");
        assertThatThrownBy(() -> new TokenPrice("a", "b", -1)).hasMessage("price of a/b cannot be negative");
        assertThat(PRICES.priceOf("ai", "answer")).contains(5L);
        assertThat(PRICES.priceOf("ai", "other")).isEmpty();
    }

    private static final OrganizationOnboarded ONBOARDED =
            new OrganizationOnboarded("org-1", "Acme", "123", PRICES, 100, "hash");

    @Test
    void suspendsWithATrimmedReason() {
        fixture.given(ONBOARDED)
                .when(new SuspendOrganization("org-1", "  unpaid invoice "))
                .expectEvents(new OrganizationSuspended("org-1", "unpaid invoice"))
                .expectState(org -> assertThat(org.suspended()).isTrue());
    }

    @Test
    void suspendsWithoutAReason() {
        fixture.given(ONBOARDED)
                .when(new SuspendOrganization("org-1", " "))
                .expectEvents(new OrganizationSuspended("org-1", null));
    }

    @Test
    void suspendingASuspendedOrganizationChangesNothing() {
        fixture.given(ONBOARDED, new OrganizationSuspended("org-1", "unpaid invoice"))
                .when(new SuspendOrganization("org-1", "another reason"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesAnOverlongReason() {
        fixture.given(ONBOARDED)
                .when(new SuspendOrganization("org-1", "x".repeat(Organization.MAX_SUSPENSION_REASON_LENGTH + 1)))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("a suspension reason has at most 500 characters")
                .expectNoEvents();
    }

    @Test
    void acceptsAReasonOfTheLongestLength() {
        String reason = "x".repeat(Organization.MAX_SUSPENSION_REASON_LENGTH);
        fixture.given(ONBOARDED)
                .when(new SuspendOrganization("org-1", reason))
                .expectEvents(new OrganizationSuspended("org-1", reason));
    }

    @Test
    void resumesASuspendedOrganization() {
        fixture.given(ONBOARDED, new OrganizationSuspended("org-1", null))
                .when(new ResumeOrganization("org-1"))
                .expectEvents(new OrganizationResumed("org-1"))
                .expectState(org -> assertThat(org.suspended()).isFalse());
    }

    @Test
    void resumingAnActiveOrganizationChangesNothing() {
        fixture.given(ONBOARDED, new OrganizationSuspended("org-1", null), new OrganizationResumed("org-1"))
                .when(new ResumeOrganization("org-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(ONBOARDED)
                .when(new ResumeOrganization("org-1"))
                .expectNoEvents();
    }

    @Test
    void setsHowLongMessageTextsAreKept() {
        fixture.given(ONBOARDED)
                .when(new ChangeMessageRetention("org-1", 90))
                .expectEvents(new MessageRetentionChanged("org-1", 90));
    }

    @Test
    void liftsTheLimitAndIgnoresAnUnchangedOne() {
        fixture.given(ONBOARDED, new MessageRetentionChanged("org-1", 90))
                .when(new ChangeMessageRetention("org-1", null))
                .expectEvents(new MessageRetentionChanged("org-1", null));
        fixture.given(ONBOARDED, new MessageRetentionChanged("org-1", 90))
                .when(new ChangeMessageRetention("org-1", 90))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesRetentionOutsideADayToTenYears() {
        fixture.given(ONBOARDED)
                .when(new ChangeMessageRetention("org-1", 0))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("message texts are kept between 1 and 3650 days, or without a limit; was 0")
                .expectNoEvents();
        fixture.given(ONBOARDED)
                .when(new ChangeMessageRetention("org-1", 3651))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void setsTheWhatsAppAccountOnceAndIgnoresTheSameAgain() {
        OrganizationOnboarded onboarded = new OrganizationOnboarded("org-1", "Acme", "1234567890", PRICES, 100, "hash");
        fixture.given(onboarded)
                .when(new ChangeWhatsAppAccount("org-1", "102290129340398"))
                .expectEvents(new WhatsAppAccountChanged("org-1", "102290129340398"));
        fixture.given(onboarded, new WhatsAppAccountChanged("org-1", "102290129340398"))
                .when(new ChangeWhatsAppAccount("org-1", "102290129340398"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesAWhatsAppAccountIdThatIsNotNumeric() {
        OrganizationOnboarded onboarded = new OrganizationOnboarded("org-1", "Acme", "1234567890", PRICES, 100, "hash");
        for (String bad : new String[] {null, "", "waba-1", "1".repeat(33)}) {
            fixture.given(onboarded)
                    .when(new ChangeWhatsAppAccount("org-1", bad))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.startsWith("the WhatsApp Business Account id must be"))
                    .expectNoEvents();
        }
    }

    @Test
    void utilityTemplatesGoToOptedOutContactsUntilTheOrganizationSaysOtherwise() {
        fixture.given(ONBOARDED)
                .when(new ChangeUtilityToOptedOut("org-1", false))
                .expectEvents(new UtilityToOptedOutChanged("org-1", false))
                .expectState(org -> assertThat(org.utilityToOptedOut()).isFalse());
        fixture.given(ONBOARDED, new UtilityToOptedOutChanged("org-1", false))
                .when(new ChangeUtilityToOptedOut("org-1", true))
                .expectEvents(new UtilityToOptedOutChanged("org-1", true))
                .expectState(org -> assertThat(org.utilityToOptedOut()).isTrue());
    }

    @Test
    void theSameUtilitySettingAgainRecordsNothing() {
        // the default is to send, so saying so again changes nothing
        fixture.given(ONBOARDED)
                .when(new ChangeUtilityToOptedOut("org-1", true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(ONBOARDED, new UtilityToOptedOutChanged("org-1", false))
                .when(new ChangeUtilityToOptedOut("org-1", false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    /** Like the consent words: a suspended organization cannot reach this through the API, which refuses changes. */
    @Test
    void aSuspendedOrganizationsSettingsChangeLikeItsConsentWords() {
        OrganizationSuspended suspended = new OrganizationSuspended("org-1", "unpaid invoice");
        ConsentWords words = new ConsentWords(List.of("HALT"), List.of("GO"));
        fixture.given(ONBOARDED, suspended)
                .when(new ChangeConsentWords("org-1", words))
                .expectEvents(new ConsentWordsChanged("org-1", words));
        fixture.given(ONBOARDED, suspended)
                .when(new ChangeUtilityToOptedOut("org-1", false))
                .expectEvents(new UtilityToOptedOutChanged("org-1", false));
    }

    @Test
    void anUnknownOrganizationHasNoSettingsToChange() {
        fixture.givenNoPriorActivity()
                .when(new ChangeConsentWords("org-1", ConsentWords.DEFAULT))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ChangeUtilityToOptedOut("org-1", false))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }
}
