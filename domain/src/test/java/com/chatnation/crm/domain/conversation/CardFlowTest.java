package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.TestContacts;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.messaging.OutboundReply;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.chatnation.crm.domain.conversation.FakeCatalogs.ORG;
import static org.assertj.core.api.Assertions.assertThat;

/** HypeCards in a conversation: the keyword, collecting name, title and photo, leaving, and delivering the card. */
class CardFlowTest {

    private static final PhoneNumber CONTACT = PhoneNumber.of("+254712345678");
    private static final String CONTACT_ID = TestContacts.id(CONTACT);
    private static final String ID = ConversationId.of(ORG, CONTACT_ID);
    private static final String SESSION = "session-1";
    private static final Duration TIMEOUT = Duration.ofHours(24);
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant SOON = T0.plusSeconds(5);
    private static final String NAME = "Jane Doe";
    private static final String TITLE = "CTO, Acme";
    private static final String ASK_NAME = "What name should go on your card?";
    private static final String ASK_TITLE = "What title should go under your name (e.g. your role, or your company)?";
    private static final String ASK_PHOTO = "Now send a photo of yourself for the card (a picture, not a file).";
    private static final String BEING_MADE = "Thanks! Your card is being made: it will arrive here in a moment.";
    private static final String REASK_PHOTO = "Please send a photo of yourself for the card (a picture, not a file), "
            + "or send *cancel* to stop.";
    private static final String IMAGE_KEY = "cards/org-1/card-1.png";
    private static final String LINK = "https://cards.example.com/c/AbCd1234";

    private AggregateTestFixture<Conversation> fixture;
    private FakeCatalogs catalogs;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
        catalogs = new FakeCatalogs();
        fixture.registerInjectableResource(catalogs);
    }

    // ---- commands, events and helpers -----------------------------------------------------------------------------

    private static ReceiveMessage says(String messageId, String text) {
        return message(messageId, new MessageContent.Text(text), SOON);
    }

    private static ReceiveMessage photo(String messageId, String mediaId) {
        return message(messageId, media("image", mediaId), SOON);
    }

    private static MessageContent.Media media(String kind, String mediaId) {
        return new MessageContent.Media(kind, mediaId, "image/jpeg", null, null, false, false);
    }

    private static ReceiveMessage message(String messageId, MessageContent content, Instant at) {
        return new ReceiveMessage(ID, ORG, CONTACT_ID, CONTACT, "Jane", messageId, at, content, MessageContext.NONE,
                TIMEOUT);
    }

    private static ConversationStarted started() {
        return new ConversationStarted(ID, SESSION, ORG, CONTACT_ID, CONTACT.e164(), "Jane", T0, TIMEOUT);
    }

    private static MessageReceived received(String messageId, String text) {
        return new MessageReceived(ID, SESSION, ORG, CONTACT_ID, CONTACT.e164(), messageId, T0,
                new MessageContent.Text(text), MessageContext.NONE, "Jane");
    }

    /** The state data of {@code making_card} for the template, asking for {@code asking}, with what was given. */
    private static Map<String, String> making(String templateId, String asking, String... given) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("templateId", templateId);
        data.put("asking", asking);
        for (int i = 0; i < given.length; i += 2) {
            data.put(given[i], given[i + 1]);
        }
        return data;
    }

    private static StateChanged makingCard(Map<String, String> data) {
        return new StateChanged(ID, SESSION, ORG, CONTACT_ID, "idle", "making_card", null, "hypecard", data);
    }

    private static StateChanged askedForName() {
        return makingCard(making("tpl-1", "name"));
    }

    private static StateChanged askedForTitle() {
        return makingCard(making("tpl-1", "title", "name", NAME));
    }

    private static StateChanged askedForPhoto() {
        return makingCard(making("tpl-1", "photo", "name", NAME, "title", TITLE));
    }

    private static StateChanged stillMaking(Map<String, String> to) {
        return new StateChanged(ID, SESSION, ORG, CONTACT_ID, "making_card", "making_card", null, "hypecard", to);
    }

    private static DeliverCard ready() {
        return new DeliverCard(ID, "card-1", IMAGE_KEY, LINK, null);
    }

    private static DeliverCard failedWith(String failure) {
        return new DeliverCard(ID, "card-1", null, null, failure);
    }

    private static Published publishedBy(ResultValidator<Conversation> result) {
        return Published.by(result);
    }

    /** Captures a command's result: MakeCard carries a generated card id. */
    static final class Result extends BaseMatcher<Object> {
        Object payload;

        @Override
        public boolean matches(Object actual) {
            payload = actual;
            return true;
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("any result");
        }

        @SuppressWarnings("unchecked")
        List<ConversationEffect> effects() {
            assertThat(payload).isInstanceOf(List.class);
            return (List<ConversationEffect>) payload;
        }

        ConversationEffect.MakeCard onlyMakeCard() {
            assertThat(effects()).hasSize(1).first().isInstanceOf(ConversationEffect.MakeCard.class);
            return (ConversationEffect.MakeCard) effects().get(0);
        }
    }

    private static Result resultOf(ResultValidator<Conversation> result) {
        Result captured = new Result();
        result.expectResultMessagePayloadMatching(captured);
        return captured;
    }

    private static void billedAsAFlowReply(ReplyQueued reply) {
        assertThat(reply.module()).isEqualTo("hypecard");
        assertThat(reply.action()).isEqualTo("reply");
    }

    // ---- starting -------------------------------------------------------------------------------------------------

    @Nested
    class TheKeyword {

        @Test
        void startsTheFlowAskingForTheNameBilledAsACardReply() {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "mycard"))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.MAKING_CARD);
                        assertThat(conversation.stateData()).isEqualTo(Map.of("templateId", "tpl-1", "asking", "name"));
                    });
            Published events = publishedBy(result);

            assertThat(events.types()).containsExactly(MessageReceived.class, StateChanged.class, ReplyQueued.class);
            assertThat(events.onlyStateChange()).isEqualTo(askedForName());
            ReplyQueued reply = events.onlyReplyQueued();
            assertThat(reply.reply()).isEqualTo(new OutboundReply.Text("Let's make your *Speaker card*! " + ASK_NAME));
            billedAsAFlowReply(reply);
            assertThat(reply.inReplyToMessageId()).isEqualTo("wamid.2");
        }

        @Test
        void isReadWhateverItsCaseAndTrailingPunctuation() {
            Published events = publishedBy(fixture.given(started()).when(says("wamid.2", "  MyCard! ")));
            assertThat(events.onlyStateChange()).isEqualTo(askedForName());
        }

        @Test
        void typedWithExtraSpacesStillFindsTheTemplate() {
            catalogs.cardsByKeyword.put("speaker card", FakeCatalogs.SPEAKER_CARD);
            Published events = publishedBy(fixture.given(started()).when(says("wamid.2", "Speaker    Card")));
            assertThat(events.onlyStateChange().stateData()).isEqualTo(making("tpl-1", "name"));
        }

        @Test
        void asAFirstMessageStartsTheSessionAndTheFlow() {
            Published events = publishedBy(fixture.givenNoPriorActivity().when(says("wamid.1", "mycard")));
            assertThat(events.types()).containsExactly(ConversationStarted.class, MessageReceived.class,
                    StateChanged.class, ReplyQueued.class);
            assertThat(events.onlyStateChange().toState()).isEqualTo("making_card");
            assertThat(events.onlyReplyQueued().module()).isEqualTo("hypecard");
        }

        @Test
        void endsARunOfMisunderstandings() {
            Published events = publishedBy(fixture.given(started(), new StateChanged(ID, SESSION, ORG, CONTACT_ID,
                            "idle", "idle", null, "general", Map.of(IdleFlow.NOT_UNDERSTOOD, "2")))
                    .when(says("wamid.2", "mycard")));
            assertThat(events.onlyStateChange().stateData()).doesNotContainKey(IdleFlow.NOT_UNDERSTOOD);
        }

        @Test
        void anUnknownWordIsNotACard() {
            Published events = publishedBy(fixture.given(started()).when(says("wamid.2", "mycards")));
            assertThat(events.onlyStateChange().toState()).isEqualTo("idle");
            assertThat(events.onlyReply().fallbackText()).startsWith("Sorry, I didn't understand that");
        }

        @Test
        void aTemplateAskingForTitleAndPhotoAsksForTheTitleFirst() {
            catalogs.cardsByKeyword.put("badge", new CardCatalog.CardOnOffer("tpl-2", "Badge",
                    List.of("title", "photo")));
            Published events = publishedBy(fixture.given(started()).when(says("wamid.2", "badge")));
            assertThat(events.onlyStateChange().stateData()).isEqualTo(making("tpl-2", "title"));
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text("Let's make your *Badge*! " + ASK_TITLE));
        }
    }

    // ---- collecting -----------------------------------------------------------------------------------------------

    @Nested
    class Collecting {

        @Test
        void theNameIsKeptStrippedAndTheTitleAskedFor() {
            ResultValidator<Conversation> result = fixture.given(started(), askedForName())
                    .when(says("wamid.3", "  Jane Doe \n"))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.MAKING_CARD);
                        assertThat(conversation.stateData()).isEqualTo(making("tpl-1", "title", "name", NAME));
                    });
            Published events = publishedBy(result);

            assertThat(events.types()).containsExactly(MessageReceived.class, StateChanged.class, ReplyQueued.class);
            assertThat(events.onlyStateChange()).isEqualTo(stillMaking(making("tpl-1", "title", "name", NAME)));
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text(ASK_TITLE));
            billedAsAFlowReply(events.onlyReplyQueued());
            assertThat(events.onlyReplyQueued().inReplyToMessageId()).isEqualTo("wamid.3");
        }

        @Test
        void theTitleIsKeptAndThePhotoAskedFor() {
            ResultValidator<Conversation> result = fixture.given(started(), askedForTitle())
                    .when(says("wamid.4", " CTO, Acme "))
                    .expectResultMessagePayload(List.of());
            Published events = publishedBy(result);

            assertThat(events.onlyStateChange().stateData())
                    .isEqualTo(making("tpl-1", "photo", "name", NAME, "title", TITLE));
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text(ASK_PHOTO));
            billedAsAFlowReply(events.onlyReplyQueued());
        }

        @Test
        void thePhotoAsksForTheCardWithEverythingGivenAndFreesTheContact() {
            ResultValidator<Conversation> result = fixture.given(started(), askedForPhoto())
                    .when(photo("wamid.5", "media-9"))
                    .expectSuccessfulHandlerExecution()
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.IDLE);
                        assertThat(conversation.stateData()).isEmpty();
                    });
            ConversationEffect.MakeCard make = resultOf(result).onlyMakeCard();
            Published events = publishedBy(result);

            assertThat(make.cardId()).isNotBlank();
            // the photo is named by the message that carried it: the media id expires, the stored copy is by message
            assertThat(make).isEqualTo(new ConversationEffect.MakeCard(make.cardId(), "tpl-1", NAME, TITLE,
                    "wamid.5"));
            assertThat(events.types()).containsExactly(MessageReceived.class, StateChanged.class, ReplyQueued.class);
            assertThat(events.onlyStateChange()).isEqualTo(new StateChanged(ID, SESSION, ORG, CONTACT_ID,
                    "making_card", "idle", null, "general", Map.of()));
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text(BEING_MADE));
            // billed to the flow that was under way, though the contact is idle again
            billedAsAFlowReply(events.onlyReplyQueued());
        }

        @Test
        void keywordNameTitleAndPhotoInTurnMakeTheCard() {
            ResultValidator<Conversation> result = fixture.givenCurrentTime(T0)
                    .andGivenCommands(says("wamid.1", "mycard"), says("wamid.2", NAME), says("wamid.3", TITLE))
                    .when(photo("wamid.4", "media-4"))
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
            ConversationEffect.MakeCard make = resultOf(result).onlyMakeCard();
            assertThat(make).isEqualTo(new ConversationEffect.MakeCard(make.cardId(), "tpl-1", NAME, TITLE,
                    "wamid.4"));
        }

        @Test
        void aPhotoWithACaptionIsStillThePhoto() {
            ResultValidator<Conversation> result = fixture.given(started(), askedForPhoto())
                    .when(message("wamid.5", new MessageContent.Media("image", "media-9", "image/jpeg", "me on stage",
                            null, false, false), SOON));
            assertThat(resultOf(result).onlyMakeCard().photoMessageId()).isEqualTo("wamid.5");
        }

        @Test
        void aRedeliveredPhotoMakesNoSecondCard() {
            fixture.givenCurrentTime(T0)
                    .andGivenCommands(says("wamid.1", "mycard"), says("wamid.2", NAME), says("wamid.3", TITLE),
                            photo("wamid.4", "media-4"))
                    .when(photo("wamid.4", "media-4"))
                    .expectResultMessagePayload(List.of())
                    .expectNoEvents();
        }

        @Test
        void sixtyCharactersAreANameOnceStripped() {
            String sixty = "n".repeat(60);
            Published events = publishedBy(fixture.given(started(), askedForName())
                    .when(says("wamid.3", "   " + sixty + "   ")));
            assertThat(events.onlyStateChange().stateData()).containsEntry("name", sixty);
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text(ASK_TITLE));
        }
    }

    @Nested
    class ReAsking {

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n"})
        void anEmptyNameIsAskedAgainAndTheFlowStays(String typed) {
            ResultValidator<Conversation> result = fixture.given(started(), askedForName())
                    .when(says("wamid.3", typed))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.MAKING_CARD);
                        assertThat(conversation.stateData()).isEqualTo(making("tpl-1", "name"));
                    });
            Published events = publishedBy(result);

            assertThat(events.types()).containsExactly(MessageReceived.class, ReplyQueued.class);
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text(
                    "Please type your name in up to 60 characters, or send *cancel* to stop."));
            billedAsAFlowReply(events.onlyReplyQueued());
        }

        @Test
        void aNameOfSixtyOneCharactersIsAskedAgain() {
            ResultValidator<Conversation> result = fixture.given(started(), askedForName())
                    .when(says("wamid.3", "n".repeat(61)))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation ->
                            assertThat(conversation.stateData()).isEqualTo(making("tpl-1", "name")));
            Published events = publishedBy(result);
            assertThat(events.types()).containsExactly(MessageReceived.class, ReplyQueued.class);
            assertThat(events.onlyReply().fallbackText()).isEqualTo(
                    "Please type your name in up to 60 characters, or send *cancel* to stop.");
        }

        @Test
        void aTitleOfSixtyOneCharactersIsAskedAgainKeepingTheName() {
            ResultValidator<Conversation> result = fixture.given(started(), askedForTitle())
                    .when(says("wamid.4", "t".repeat(61)))
                    .expectState(conversation ->
                            assertThat(conversation.stateData()).isEqualTo(making("tpl-1", "title", "name", NAME)));
            assertThat(publishedBy(result).onlyReply().fallbackText()).isEqualTo(
                    "Please type your title in up to 60 characters, or send *cancel* to stop.");
        }

        @Test
        void aPhotoWhenTheNameIsAskedIsAskedAgain() {
            ResultValidator<Conversation> result = fixture.given(started(), askedForName())
                    .when(photo("wamid.3", "media-3"))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation ->
                            assertThat(conversation.stateData()).isEqualTo(making("tpl-1", "name")));
            assertThat(publishedBy(result).onlyReply().fallbackText()).startsWith("Please type your name");
        }

        @Test
        void textWhenThePhotoIsAskedIsAskedAgain() {
            ResultValidator<Conversation> result = fixture.given(started(), askedForPhoto())
                    .when(says("wamid.5", "here it is"))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.MAKING_CARD);
                        assertThat(conversation.stateData())
                                .isEqualTo(making("tpl-1", "photo", "name", NAME, "title", TITLE));
                    });
            Published events = publishedBy(result);
            assertThat(events.types()).containsExactly(MessageReceived.class, ReplyQueued.class);
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text(REASK_PHOTO));
            billedAsAFlowReply(events.onlyReplyQueued());
        }

        @ParameterizedTest
        @ValueSource(strings = {"document", "sticker", "video", "audio"})
        void mediaOtherThanAPictureWhenThePhotoIsAskedIsAskedAgain(String kind) {
            ResultValidator<Conversation> result = fixture.given(started(), askedForPhoto())
                    .when(message("wamid.5", media(kind, "media-5"), SOON))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation ->
                            assertThat(conversation.state()).isEqualTo(ConversationState.MAKING_CARD));
            Published events = publishedBy(result);
            assertThat(events.types()).containsExactly(MessageReceived.class, ReplyQueued.class);
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text(REASK_PHOTO));
        }

        @Test
        void aPictureWithoutAMediaIdIsAskedAgain() {
            ResultValidator<Conversation> result = fixture.given(started(), askedForPhoto())
                    .when(message("wamid.5", media("image", null), SOON))
                    .expectResultMessagePayload(List.of());
            assertThat(publishedBy(result).onlyReply()).isEqualTo(new OutboundReply.Text(REASK_PHOTO));
        }

        @Test
        void thePhotoAfterAReAskStillMakesTheCard() {
            ResultValidator<Conversation> result = fixture.given(started(), askedForPhoto())
                    .andGivenCommands(message("wamid.5", media("document", "media-5"), SOON))
                    .when(photo("wamid.6", "media-6"));
            ConversationEffect.MakeCard make = resultOf(result).onlyMakeCard();
            assertThat(make.photoMessageId()).isEqualTo("wamid.6");
            assertThat(make.name()).isEqualTo(NAME);
        }
    }

    // ---- templates of fewer variables -----------------------------------------------------------------------------

    @Nested
    class ShorterTemplates {

        @Test
        void aTemplateUsingOnlyTheNameMakesTheCardAfterTheName() {
            catalogs.cardsByKeyword.put("badge", new CardCatalog.CardOnOffer("tpl-2", "Badge", List.of("name")));
            ResultValidator<Conversation> result = fixture.given(started())
                    .andGivenCommands(says("wamid.2", "badge"))
                    .when(says("wamid.3", NAME))
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
            ConversationEffect.MakeCard make = resultOf(result).onlyMakeCard();
            Published events = publishedBy(result);

            assertThat(make).isEqualTo(new ConversationEffect.MakeCard(make.cardId(), "tpl-2", NAME, null, null));
            assertThat(events.onlyStateChange().toState()).isEqualTo("idle");
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text(BEING_MADE));
            billedAsAFlowReply(events.onlyReplyQueued());
        }

        @Test
        void aTemplateUsingNoVariablesMakesTheCardOnTheKeyword() {
            catalogs.cardsByKeyword.put("hype", new CardCatalog.CardOnOffer("tpl-3", "Hype card", List.of()));
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "hype"))
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.IDLE);
                        assertThat(conversation.stateData()).isEmpty();
                    });
            ConversationEffect.MakeCard make = resultOf(result).onlyMakeCard();
            Published events = publishedBy(result);

            assertThat(make).isEqualTo(new ConversationEffect.MakeCard(make.cardId(), "tpl-3", null, null, null));
            // never in making_card: nothing to ask
            assertThat(events.types()).containsExactly(MessageReceived.class, ReplyQueued.class);
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text("Let's make your *Hype card*! "
                    + BEING_MADE));
        }

        @Test
        void aTemplateUsingNoVariablesBillsItsReplyAsACardReply() {
            // the same reply after a name is billed hypecard/reply; on the keyword alone it should be too
            catalogs.cardsByKeyword.put("hype", new CardCatalog.CardOnOffer("tpl-3", "Hype card", List.of()));
            Published events = publishedBy(fixture.given(started()).when(says("wamid.2", "hype")));
            billedAsAFlowReply(events.onlyReplyQueued());
        }

        @Test
        void eachCardGetsItsOwnId() {
            catalogs.cardsByKeyword.put("hype", new CardCatalog.CardOnOffer("tpl-3", "Hype card", List.of()));
            Result first = resultOf(fixture.given(started()).when(says("wamid.2", "hype")));
            Result second = resultOf(fixture.given(started()).when(says("wamid.2", "hype")));
            assertThat(first.onlyMakeCard().cardId()).isNotEqualTo(second.onlyMakeCard().cardId());
        }
    }

    // ---- leaving --------------------------------------------------------------------------------------------------

    @Nested
    class Leaving {

        @ParameterizedTest
        @ValueSource(strings = {"name", "title", "photo"})
        void cancelLeavesTheFlowWithoutACard(String asking) {
            ResultValidator<Conversation> result = fixture.given(started(),
                            makingCard(making("tpl-1", asking, "name", NAME, "title", TITLE)))
                    .when(says("wamid.5", "cancel"))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.IDLE);
                        assertThat(conversation.stateData()).isEmpty();
                    });
            Published events = publishedBy(result);

            assertThat(events.onlyStateChange().fromState()).isEqualTo("making_card");
            assertThat(events.onlyStateChange().toState()).isEqualTo("idle");
            assertThat(events.onlyReply().fallbackText()).startsWith("Okay, I've stopped that.");
            billedAsAFlowReply(events.onlyReplyQueued());
        }

        @Test
        void theOptOutWordLeavesTheFlowToo() {
            ResultValidator<Conversation> result = fixture.given(started(), askedForPhoto())
                    .when(says("wamid.5", "STOP"))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
            assertThat(publishedBy(result).types()).contains(ContactOptedOut.class);
        }

        @Test
        void theTemplateGoneMidFlowIsNoLongerAvailable() {
            catalogs.cardsByKeyword.clear();
            ResultValidator<Conversation> result = fixture.given(started(), askedForTitle())
                    .when(says("wamid.4", TITLE))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.IDLE);
                        assertThat(conversation.stateData()).isEmpty();
                    });
            Published events = publishedBy(result);

            assertThat(events.onlyStateChange().toState()).isEqualTo("idle");
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text("Sorry, that card is no longer available."));
            billedAsAFlowReply(events.onlyReplyQueued());
        }

        @Test
        void theTemplateGoneBeforeThePhotoMakesNoCard() {
            catalogs.cardsByKeyword.clear();
            ResultValidator<Conversation> result = fixture.given(started(), askedForPhoto())
                    .when(photo("wamid.5", "media-5"))
                    .expectResultMessagePayload(List.of());
            assertThat(publishedBy(result).onlyReply().fallbackText()).isEqualTo(
                    "Sorry, that card is no longer available.");
        }

        @Test
        void theSessionExpiringMidFlowStartsTheNextOneIdle() {
            ResultValidator<Conversation> result = fixture.given(started(), received("wamid.1", "mycard"),
                            askedForPhoto())
                    .when(message("wamid.9", media("image", "media-9"), T0.plus(TIMEOUT).plusSeconds(1)))
                    .expectResultMessagePayload(List.of());
            Published events = publishedBy(result);
            // the late photo is not taken for a card the contact left a day ago: the new session starts idle
            assertThat(events.of(ConversationExpired.class).get(0).stateAtExpiry()).isEqualTo("making_card");
            assertThat(events.types()).startsWith(ConversationExpired.class, ConversationStarted.class,
                    MessageReceived.class);
            assertThat(events.onlyReply().fallbackText()).startsWith("Sorry, I didn't understand that");
        }
    }

    // ---- delivering -----------------------------------------------------------------------------------------------

    @Nested
    class Delivering {

        @Test
        void theCardGoesOutAsAnImageWithItsShareLinkBilledAsGeneratingACard() {
            ResultValidator<Conversation> result = fixture.given(started(), received("wamid.1", "mycard"))
                    .when(ready())
                    .expectSuccessfulHandlerExecution()
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
            Published events = publishedBy(result);

            assertThat(events.types()).containsExactly(ReplyQueued.class);
            ReplyQueued reply = events.onlyReplyQueued();
            assertThat(reply.reply()).isInstanceOf(OutboundReply.Image.class);
            OutboundReply.Image image = (OutboundReply.Image) reply.reply();
            assertThat(image.storageKey()).isEqualTo(IMAGE_KEY);
            assertThat(image.caption()).contains(LINK);
            assertThat(image).isEqualTo(new OutboundReply.Image(IMAGE_KEY,
                    "Here is your card! Share it with your friends: " + LINK));
            assertThat(reply.module()).isEqualTo("hypecard");
            assertThat(reply.action()).isEqualTo("generate_card");
            assertThat(reply.sessionId()).isEqualTo(SESSION);
            assertThat(reply.contactPhone()).isEqualTo(CONTACT.e164());
            assertThat(reply.inReplyToMessageId()).isNull();
            assertThat(reply.windowClosesAt()).isEqualTo(CustomerServiceWindow.closesAfter(T0));
        }

        @Test
        void midSurveyTheCardGoesOutAndTheSurveyStays() {
            ResultValidator<Conversation> result = fixture.given(started())
                    .andGivenCommands(says("wamid.2", "feedback"))
                    .when(ready())
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.SURVEY_IN_PROGRESS);
                        assertThat(conversation.stateData()).containsEntry("surveyId", "survey-1")
                                .containsKey("responseId");
                    });
            Published events = publishedBy(result);

            assertThat(events.types()).containsExactly(ReplyQueued.class);
            assertThat(events.onlyReply()).isInstanceOf(OutboundReply.Image.class);
            assertThat(events.onlyReplyQueued().module()).isEqualTo("hypecard");
            assertThat(events.onlyReplyQueued().action()).isEqualTo("generate_card");
        }

        @Test
        void midSurveyTheNextAnswerStillGoesToTheSurvey() {
            ResultValidator<Conversation> result = fixture.given(started())
                    .andGivenCommands(says("wamid.2", "feedback"), ready())
                    .when(says("wamid.3", "5"));
            List<ConversationEffect> effects = resultOf(result).effects();
            assertThat(effects).hasSize(1).first().isInstanceOf(ConversationEffect.AnswerSurvey.class);
        }

        @Test
        void whileMakingAnotherCardTheFlowStays() {
            ResultValidator<Conversation> result = fixture.given(started(), askedForTitle())
                    .when(ready())
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.MAKING_CARD);
                        assertThat(conversation.stateData()).isEqualTo(making("tpl-1", "title", "name", NAME));
                    });
            assertThat(publishedBy(result).types()).containsExactly(ReplyQueued.class);
        }

        @Test
        void aLostPhotoIsApologizedForBilledAsAReply() {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(failedWith("photo_lost"))
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
            Published events = publishedBy(result);

            assertThat(events.types()).containsExactly(ReplyQueued.class);
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text("Sorry, we couldn't make your card this "
                    + "time: your photo could not be downloaded. Send the same word again to try once more."));
            billedAsAFlowReply(events.onlyReplyQueued());
        }

        @ParameterizedTest
        @ValueSource(strings = {"render_failed", "template_gone"})
        void anotherFailureIsApologizedForWithoutBlamingThePhoto(String failure) {
            Published events = publishedBy(fixture.given(started()).when(failedWith(failure)));
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text(
                    "Sorry, we couldn't make your card this time. Send the same word again to try once more."));
            billedAsAFlowReply(events.onlyReplyQueued());
        }

        @Test
        void nothingGoesToAnErasedContact() {
            fixture.given(started(), new ContactErased(ID, SESSION, ORG, CONTACT_ID, "request", SOON))
                    .when(ready())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void noApologyGoesToAnErasedContact() {
            fixture.given(started(), new ContactErased(ID, SESSION, ORG, CONTACT_ID, "request", SOON))
                    .when(failedWith("photo_lost"))
                    .expectNoEvents();
        }

        @Test
        void afterTheSessionExpiredTheCardStillGoesOutInTheLastSession() {
            ResultValidator<Conversation> result = fixture.given(started(), received("wamid.1", "mycard"),
                            new ConversationExpired(ID, SESSION, ORG, CONTACT_ID, T0, "idle"))
                    .when(ready())
                    .expectSuccessfulHandlerExecution()
                    .expectState(conversation -> assertThat(conversation.sessionId()).isNull());
            Published events = publishedBy(result);

            assertThat(events.types()).containsExactly(ReplyQueued.class);
            ReplyQueued reply = events.onlyReplyQueued();
            assertThat(reply.reply()).isEqualTo(new OutboundReply.Image(IMAGE_KEY,
                    "Here is your card! Share it with your friends: " + LINK));
            assertThat(reply.sessionId()).isEqualTo(SESSION);
            assertThat(reply.module()).isEqualTo("hypecard");
            assertThat(reply.action()).isEqualTo("generate_card");
            assertThat(reply.contactPhone()).isEqualTo(CONTACT.e164());
            assertThat(reply.windowClosesAt()).isEqualTo(CustomerServiceWindow.closesAfter(T0));
        }

        @Test
        void afterAMessagePastTheTimeoutTheCardGoesOutInTheNewSession() {
            // the contact wrote again after the timeout: the old session expired and the card joins the new one
            ResultValidator<Conversation> result = fixture.given(started(), received("wamid.1", "mycard"))
                    .andGivenCommands(message("wamid.9", new MessageContent.Text("hello"),
                            T0.plus(TIMEOUT).plusSeconds(1)))
                    .when(ready())
                    .expectState(conversation -> assertThat(conversation.sessionId()).isNotNull()
                            .isNotEqualTo(SESSION));
            ReplyQueued reply = publishedBy(result).onlyReplyQueued();
            assertThat(reply.sessionId()).isNotNull().isNotEqualTo(SESSION);
            assertThat(reply.reply()).isInstanceOf(OutboundReply.Image.class);
            assertThat(reply.action()).isEqualTo("generate_card");
        }

        @Test
        void afterTheSessionExpiredAFailureIsStillApologizedFor() {
            Published events = publishedBy(fixture.given(started(), received("wamid.1", "mycard"),
                            new ConversationExpired(ID, SESSION, ORG, CONTACT_ID, T0, "idle"))
                    .when(failedWith("photo_lost")));
            ReplyQueued reply = events.onlyReplyQueued();
            assertThat(reply.reply().fallbackText()).contains("your photo could not be downloaded");
            assertThat(reply.sessionId()).isEqualTo(SESSION);
            billedAsAFlowReply(reply);
        }
    }
}
