package com.chatnation.crm.domain.hypecard;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.stream.Stream;

/** One contact's card: requesting it, drawing it once or giving up on it, and sharing only a drawn card. */
class HypeCardTest {

    private static final String CARD = "card-1";
    private static final String ORG = "org-1";
    private static final String TEMPLATE = "tpl-1";
    private static final String CONVERSATION = "conv-1";
    private static final String CONTACT = "contact-jane";
    private static final String PHOTO = "wamid.photo";
    private static final String SHARE = "AbCd1234";
    private static final String NAME = "Jane Doe";
    private static final String TITLE = "CTO, Acme";
    private static final Instant REQUESTED = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant DRAWN = REQUESTED.plusSeconds(20);
    private static final Instant LATER = REQUESTED.plusSeconds(3600);
    private static final String IMAGE = "cards/org-1/card-1.png";
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private AggregateTestFixture<HypeCard> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(HypeCard.class);
    }

    // ---- commands, events and matchers ---------------------------------------------------------------------------

    private static RequestCard request(String name, String title, String shareCode) {
        return new RequestCard(CARD, ORG, TEMPLATE, CONVERSATION, CONTACT, name, title, PHOTO, shareCode, REQUESTED);
    }

    private static CardRequested requested() {
        return new CardRequested(CARD, ORG, TEMPLATE, CONVERSATION, CONTACT, NAME, TITLE, PHOTO, SHARE, REQUESTED);
    }

    private static RecordCardGenerated generate(String imageKey, long size, String sha) {
        return new RecordCardGenerated(CARD, imageKey, size, sha, DRAWN);
    }

    private static CardGenerated generated() {
        return new CardGenerated(CARD, ORG, TEMPLATE, CONVERSATION, CONTACT, SHARE, IMAGE, 48_213, SHA, DRAWN);
    }

    private static CardFailed failed(String reason) {
        return new CardFailed(CARD, ORG, TEMPLATE, CONVERSATION, CONTACT, reason, DRAWN);
    }

    private static Matcher<DomainRuleViolation> violation(String code) {
        return new CustomTypeSafeMatcher<>("DomainRuleViolation with code '" + code + "'") {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code());
            }
        };
    }

    /** The request is refused with this code and message, and no card comes to be. */
    private void refusesRequest(RequestCard command, String code, String message) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectException(DomainRuleViolation.class)
                .expectException(violation(code))
                .expectExceptionMessage(message)
                .expectNoEvents();
    }

    private static String repeat(char c, int times) {
        return String.valueOf(c).repeat(times);
    }

    static Stream<Arguments> missingIds() {
        return Stream.of(
                Arguments.of(new RequestCard(" ", ORG, TEMPLATE, CONVERSATION, CONTACT, NAME, TITLE, PHOTO, SHARE,
                        REQUESTED), "missing_card_id", "card id is required"),
                Arguments.of(new RequestCard(CARD, null, TEMPLATE, CONVERSATION, CONTACT, NAME, TITLE, PHOTO,
                        SHARE, REQUESTED), "missing_organization_id", "organization id is required"),
                Arguments.of(new RequestCard(CARD, ORG, "", CONVERSATION, CONTACT, NAME, TITLE, PHOTO, SHARE,
                        REQUESTED), "missing_template_id", "template id is required"),
                Arguments.of(new RequestCard(CARD, ORG, TEMPLATE, null, CONTACT, NAME, TITLE, PHOTO, SHARE,
                        REQUESTED), "missing_conversation_id", "conversation id is required"),
                Arguments.of(new RequestCard(CARD, ORG, TEMPLATE, CONVERSATION, "\t", NAME, TITLE, PHOTO, SHARE,
                        REQUESTED), "missing_contact_id", "contact id is required"));
    }

    // ---- requesting -----------------------------------------------------------------------------------------------

    @Nested
    class Requesting {

        @Test
        void recordsTheRequestWithTheNameAndTitleStripped() {
            fixture.givenNoPriorActivity()
                    .when(request("  Jane Doe \n", "\tCTO, Acme  ", SHARE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(requested());
        }

        @Test
        void aTemplateWithoutNameTitleOrPhotoRecordsNulls() {
            fixture.givenNoPriorActivity()
                    .when(new RequestCard(CARD, ORG, TEMPLATE, CONVERSATION, CONTACT, null, null, null, SHARE,
                            REQUESTED))
                    .expectEvents(new CardRequested(CARD, ORG, TEMPLATE, CONVERSATION, CONTACT, null, null, null,
                            SHARE, REQUESTED));
        }

        @Test
        void acceptsSixtyCharactersOnceStripped() {
            String sixty = repeat('n', HypeCard.MAX_INPUT);
            fixture.givenNoPriorActivity()
                    .when(request("  " + sixty + "  ", sixty, SHARE))
                    .expectEvents(new CardRequested(CARD, ORG, TEMPLATE, CONVERSATION, CONTACT, sixty, sixty, PHOTO,
                            SHARE, REQUESTED));
        }

        @ParameterizedTest
        @ValueSource(strings = {"abcdefgh", "ABCDEFGH", "12345678", "a1B2c3D4"})
        void acceptsEightLettersAndDigitsAsTheShareCode(String code) {
            fixture.givenNoPriorActivity()
                    .when(request(NAME, TITLE, code))
                    .expectEvents(new CardRequested(CARD, ORG, TEMPLATE, CONVERSATION, CONTACT, NAME, TITLE, PHOTO,
                            code, REQUESTED));
        }
    }

    @Nested
    class RequestRefusals {

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n\t"})
        void refusesABlankName(String name) {
            refusesRequest(request(name, TITLE, SHARE), "invalid_input", "a card's name is 1 to 60 characters");
        }

        @Test
        void refusesANameOfSixtyOneCharacters() {
            refusesRequest(request(repeat('n', 61), TITLE, SHARE), "invalid_input",
                    "a card's name is 1 to 60 characters");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  "})
        void refusesABlankTitle(String title) {
            refusesRequest(request(NAME, title, SHARE), "invalid_input", "a card's title is 1 to 60 characters");
        }

        @Test
        void refusesATitleOfSixtyOneCharacters() {
            refusesRequest(request(NAME, repeat('t', 61), SHARE), "invalid_input",
                    "a card's title is 1 to 60 characters");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"AbCd123", "AbCd12345", "AbCd-123", "AbCd 123", "ÄbCd1234", "abcd123٣"})
        void refusesAShareCodeThatIsNotEightLettersAndDigits(String code) {
            refusesRequest(request(NAME, TITLE, code), "invalid_share_code", "a share code is 8 letters and digits");
        }

        @ParameterizedTest
        @MethodSource("com.chatnation.crm.domain.hypecard.HypeCardTest#missingIds")
        void refusesAMissingId(RequestCard command, String code, String message) {
            refusesRequest(command, code, message);
        }
    }

    // ---- drawing --------------------------------------------------------------------------------------------------

    @Nested
    class Generating {

        @Test
        void recordsTheDrawnCardWithTheRequestsIdsAndShareCodeAndAnswersTrue() {
            fixture.given(requested())
                    .when(generate(IMAGE, 48_213, SHA))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(generated())
                    .expectResultMessagePayload(true);
        }

        @Test
        void aCardRequestedByCommandCanBeDrawn() {
            // the request's event-sourcing handler keeps what CardGenerated repeats
            fixture.givenCommands(request(" " + NAME, TITLE, SHARE))
                    .when(generate(IMAGE, 48_213, SHA))
                    .expectEvents(generated())
                    .expectResultMessagePayload(true);
        }

        @Test
        void aSecondDrawingAnswersFalseAndRecordsNothing() {
            fixture.given(requested(), generated())
                    .when(generate("cards/org-1/other.png", 99, SHA))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void aRetryIsAnsweredFalseBeforeItsInputsAreChecked() {
            // a crashed workshop's retry must not fail on what it sends the second time
            fixture.given(requested(), generated())
                    .when(generate(null, 0, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void refusesACardGivenUpOn() {
            fixture.given(requested(), failed("photo_lost"))
                    .when(generate(IMAGE, 48_213, SHA))
                    .expectException(violation("card_failed"))
                    .expectExceptionMessage("the card was given up on")
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  "})
        void refusesAMissingImageKey(String key) {
            fixture.given(requested())
                    .when(generate(key, 48_213, SHA))
                    .expectException(violation("missing_image_key"))
                    .expectExceptionMessage("image key is required")
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" "})
        void refusesAMissingChecksum(String sha) {
            fixture.given(requested())
                    .when(generate(IMAGE, 48_213, sha))
                    .expectException(violation("missing_sha-256"))
                    .expectExceptionMessage("sha-256 is required")
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1})
        void refusesAnImageWithoutBytes(long size) {
            fixture.given(requested())
                    .when(generate(IMAGE, size, SHA))
                    .expectException(violation("invalid_image"))
                    .expectExceptionMessage("a drawn card has bytes")
                    .expectNoEvents();
        }

        @Test
        void oneByteIsEnough() {
            fixture.given(requested())
                    .when(generate(IMAGE, 1, SHA))
                    .expectEvents(new CardGenerated(CARD, ORG, TEMPLATE, CONVERSATION, CONTACT, SHARE, IMAGE, 1, SHA,
                            DRAWN));
        }

        @Test
        void thereIsNoCardToDrawWithoutARequest() {
            fixture.givenNoPriorActivity()
                    .when(generate(IMAGE, 48_213, SHA))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }
    }

    // ---- giving up ------------------------------------------------------------------------------------------------

    @Nested
    class Failing {

        @ParameterizedTest
        @ValueSource(strings = {"photo_lost", "template_gone", "render_failed"})
        void recordsEachKnownReasonAndAnswersTrue(String reason) {
            fixture.given(requested())
                    .when(new RecordCardFailed(CARD, reason, DRAWN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(failed(reason))
                    .expectResultMessagePayload(true);
        }

        @Test
        void aSecondFailureAnswersFalseAndRecordsNothingWhateverItsReason() {
            fixture.given(requested(), failed("photo_lost"))
                    .when(new RecordCardFailed(CARD, "nonsense", LATER))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void refusesACardAlreadyDrawn() {
            fixture.given(requested(), generated())
                    .when(new RecordCardFailed(CARD, "render_failed", LATER))
                    .expectException(DomainRuleViolation.class)
                    .expectException(violation("card_generated"))
                    .expectExceptionMessage("the card was drawn already")
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"PHOTO_LOST", "timeout", " photo_lost"})
        void refusesAnUnknownReason(String reason) {
            fixture.given(requested())
                    .when(new RecordCardFailed(CARD, reason, DRAWN))
                    .expectException(violation("invalid_reason"))
                    .expectNoEvents();
        }

        @Test
        void aCardGivenUpOnByCommandStaysGivenUpOn() {
            fixture.givenCommands(request(NAME, TITLE, SHARE), new RecordCardFailed(CARD, "template_gone", DRAWN))
                    .when(generate(IMAGE, 48_213, SHA))
                    .expectException(violation("card_failed"))
                    .expectNoEvents();
        }
    }

    // ---- sharing --------------------------------------------------------------------------------------------------

    @Nested
    class Sharing {

        @Test
        void recordsTheShareOfADrawnCard() {
            fixture.given(requested(), generated())
                    .when(new RecordCardShared(CARD, "whatsapp", LATER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new CardShared(CARD, ORG, TEMPLATE, CONTACT, "whatsapp", LATER));
        }

        @Test
        void everyShareIsRecorded() {
            // the page limits shares per visitor and day; the card counts all it is told of
            fixture.given(requested(), generated(), new CardShared(CARD, ORG, TEMPLATE, CONTACT, "copy", LATER))
                    .when(new RecordCardShared(CARD, "copy", LATER.plusSeconds(1)))
                    .expectEvents(new CardShared(CARD, ORG, TEMPLATE, CONTACT, "copy", LATER.plusSeconds(1)));
        }

        @Test
        void acceptsAChannelOfTwentyLowerCaseLetters() {
            String channel = repeat('x', 20);
            fixture.given(requested(), generated())
                    .when(new RecordCardShared(CARD, channel, LATER))
                    .expectEvents(new CardShared(CARD, ORG, TEMPLATE, CONTACT, channel, LATER));
        }

        @Test
        void refusesACardNotDrawnYet() {
            fixture.given(requested())
                    .when(new RecordCardShared(CARD, "whatsapp", LATER))
                    .expectException(violation("card_not_generated"))
                    .expectExceptionMessage("only a drawn card can be shared")
                    .expectNoEvents();
        }

        @Test
        void refusesACardGivenUpOn() {
            fixture.given(requested(), failed("render_failed"))
                    .when(new RecordCardShared(CARD, "whatsapp", LATER))
                    .expectException(violation("card_not_generated"))
                    .expectNoEvents();
        }

        @Test
        void anUndrawnCardIsRefusedAsSuchEvenWithABadChannel() {
            fixture.given(requested())
                    .when(new RecordCardShared(CARD, "Not A Channel", LATER))
                    .expectException(violation("card_not_generated"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"WhatsApp", "copy link", "x1", "what's", "xxxxxxxxxxxxxxxxxxxxx", "télégram"})
        void refusesAChannelThatIsNotAShortLowerCaseWord(String channel) {
            fixture.given(requested(), generated())
                    .when(new RecordCardShared(CARD, channel, LATER))
                    .expectException(DomainRuleViolation.class)
                    .expectException(violation("invalid_channel"))
                    .expectExceptionMessage("a share's channel is a short lower-case word")
                    .expectNoEvents();
        }
    }
}
