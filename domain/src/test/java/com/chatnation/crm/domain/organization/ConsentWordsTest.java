package com.chatnation.crm.domain.organization;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsentWordsTest {

    private AggregateTestFixture<Organization> fixture;
    private final OrganizationOnboarded onboarded = new OrganizationOnboarded("org-1", "Acme", "1234567890",
            new PriceList(null), 0, "hash");

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
    }

    @Test
    void defaultsAreEnglishAndSwahili() {
        assertThat(ConsentWords.DEFAULT.optOut())
                .containsExactly("STOP", "UNSUBSCRIBE", "STOP ALL", "OPT OUT", "ACHA", "SITAKI");
        assertThat(ConsentWords.DEFAULT.optIn()).containsExactly("START", "SUBSCRIBE", "ANZA");
    }

    @Test
    void caseSpacesAndTrailingPunctuationDoNotMatter() {
        assertThat(ConsentWords.DEFAULT.optsIn("stop")).isFalse();
        assertThat(ConsentWords.DEFAULT.optsIn("  Stop   all! ")).isFalse();
        assertThat(ConsentWords.DEFAULT.optsIn("opt\tout.")).isFalse();
        assertThat(ConsentWords.DEFAULT.optsIn("sitaki")).isFalse();
        assertThat(ConsentWords.DEFAULT.optsIn(" anza ")).isTrue();
        assertThat(ConsentWords.DEFAULT.optsIn("Start!")).isTrue();
    }

    @Test
    void onlyAMessageThatIsJustTheWordCounts() {
        assertThat(ConsentWords.DEFAULT.optsIn("stop the music")).isNull();
        assertThat(ConsentWords.DEFAULT.optsIn("optout")).isNull();
        assertThat(ConsentWords.DEFAULT.optsIn("")).isNull();
        assertThat(ConsentWords.DEFAULT.optsIn(null)).isNull();
    }

    @Test
    void wordsAreStoredNormalizedAndOnce() {
        ConsentWords words = new ConsentWords(List.of(" halt ", "HALT", "no  more"), List.of("go"));
        assertThat(words.optOut()).containsExactly("HALT", "NO MORE");
        assertThat(words.optIn()).containsExactly("GO");
    }

    @Test
    void refusesEmptyListsBlankOrLongWordsAndOverlaps() {
        assertThatThrownBy(() -> new ConsentWords(List.of(), List.of("START")))
                .isInstanceOf(DomainRuleViolation.class).hasMessageContaining("at least one opt-out word");
        assertThatThrownBy(() -> new ConsentWords(List.of("STOP"), null))
                .isInstanceOf(DomainRuleViolation.class).hasMessageContaining("at least one opt-in word");
        assertThatThrownBy(() -> new ConsentWords(List.of("  "), List.of("START")))
                .isInstanceOf(DomainRuleViolation.class).hasMessageContaining("1 to 30 characters");
        assertThatThrownBy(() -> new ConsentWords(List.of("x".repeat(31)), List.of("START")))
                .isInstanceOf(DomainRuleViolation.class).hasMessageContaining("1 to 30 characters");
        assertThatThrownBy(() -> new ConsentWords(List.of("stop"), List.of("STOP")))
                .isInstanceOf(DomainRuleViolation.class).hasMessageContaining("both opt out and opt in: STOP");
        assertThatThrownBy(() -> new ConsentWords(java.util.Collections.nCopies(21, "W"), List.of("START")))
                .isInstanceOf(DomainRuleViolation.class).hasMessageContaining("at most 20");
    }

    @Test
    void anOrganizationChangesItsWords() {
        ConsentWords words = new ConsentWords(List.of("HALT"), List.of("GO"));
        fixture.given(onboarded)
                .when(new ChangeConsentWords("org-1", words))
                .expectEvents(new ConsentWordsChanged("org-1", words));
    }

    @Test
    void theSameWordsAgainChangeNothing() {
        ConsentWords words = new ConsentWords(List.of("HALT"), List.of("GO"));
        fixture.given(onboarded, new ConsentWordsChanged("org-1", words))
                .when(new ChangeConsentWords("org-1", new ConsentWords(List.of("halt"), List.of("go"))))
                .expectNoEvents();
        fixture.given(onboarded)
                .when(new ChangeConsentWords("org-1", ConsentWords.DEFAULT))
                .expectNoEvents();
    }

    @Test
    void refusesMissingWords() {
        fixture.given(onboarded)
                .when(new ChangeConsentWords("org-1", null))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }
}
