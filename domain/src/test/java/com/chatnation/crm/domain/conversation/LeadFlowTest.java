package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.TestContacts;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.messaging.OutboundReply;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.chatnation.crm.domain.conversation.FakeCatalogs.ORG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Booth visits in a conversation: the booth's code (the QR code's "LEAD A15", or the code alone) asks for consent;
 * only a yes captures a lead; then a product pick and a note, each skippable.
 */
class LeadFlowTest {

    private static final PhoneNumber CONTACT = PhoneNumber.of("+254712345678");
    private static final String CONTACT_ID = TestContacts.id(CONTACT);
    private static final String ID = ConversationId.of(ORG, CONTACT_ID);
    private static final String SESSION = "session-1";
    private static final Duration TIMEOUT = Duration.ofHours(24);
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant SOON = T0.plusSeconds(5);
    private static final Map<String, String> AT_A15 = Map.of(LeadFlow.EXHIBITOR_ID, "exh-1");
    private static final List<ConversationEffect> CAPTURE = List.of(new ConversationEffect.CaptureLead("exh-1", "ev-1"));

    private AggregateTestFixture<Conversation> fixture;
    private FakeCatalogs catalogs;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
        catalogs = new FakeCatalogs();
        fixture.registerInjectableResource(catalogs);
    }

    private static ReceiveMessage says(String messageId, String text) {
        return message(messageId, new MessageContent.Text(text));
    }

    private static ReceiveMessage taps(String messageId, String id, String title) {
        return message(messageId, new MessageContent.ButtonReply(id, title));
    }

    private static ReceiveMessage message(String messageId, MessageContent content) {
        return new ReceiveMessage(ID, ORG, CONTACT_ID, CONTACT, "Jane", messageId, SOON, content, MessageContext.NONE,
                TIMEOUT);
    }

    private static ConversationStarted started() {
        return new ConversationStarted(ID, SESSION, ORG, CONTACT_ID, CONTACT.e164(), "Jane", T0, TIMEOUT);
    }

    private static StateChanged inState(ConversationState state, Map<String, String> data) {
        return new StateChanged(ID, SESSION, ORG, CONTACT_ID, "idle", state.stateName(), state.step(),
                state.module(), data);
    }

    private static void assertBilledToExhibitors(ReplyQueued reply) {
        assertThat(reply.module()).isEqualTo("exhibitors");
        assertThat(reply.action()).isEqualTo("reply");
    }

    @Nested
    class NamingABooth {

        @ParameterizedTest
        @ValueSource(strings = {"LEAD A15", "lead a15", "Lead  A15!", "A15", "a15"})
        void theQrTextOrTheCodeAloneAsksForConsentAndCapturesNothingYet(String text) {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", text))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.SHARING_LEAD);
                        assertThat(conversation.stateData()).isEqualTo(AT_A15);
                    });
            Published events = Published.by(result);
            ReplyQueued reply = events.onlyReplyQueued();
            assertBilledToExhibitors(reply);
            assertThat(reply.reply()).isInstanceOf(OutboundReply.Buttons.class);
            OutboundReply.Buttons question = (OutboundReply.Buttons) reply.reply();
            assertThat(question.body()).contains("CloudTech Ltd", "booth A15", "share your contact");
            assertThat(question.buttons()).extracting(OutboundReply.Choice::id)
                    .containsExactly(LeadFlow.YES, LeadFlow.NO);
            assertThat(events.onlyStateChange().toState()).isEqualTo("sharing_lead");
            assertThat(events.onlyStateChange().module()).isEqualTo("exhibitors");
        }

        @Test
        void leadAndACodeNoBoothHasIsSaidSoAndCapturesNothing() {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "lead Z99"))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
            assertThat(Published.by(result).onlyReply().fallbackText()).startsWith("Sorry, no booth has the code *Z99*");
        }

        @Test
        void aCodeAloneNoBoothHasIsNotUnderstoodLikeAnyWord() {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "B7"))
                    .expectResultMessagePayload(List.of());
            assertThat(Published.by(result).onlyReply().fallbackText()).startsWith("Sorry, I didn't understand that");
        }

        @Test
        void aKeywordWinsOverABoothWithTheSameCodeTypedAlone() {
            catalogs.boothsByCode.put("VOTE", new ExhibitorCatalog.BoothOnOffer("exh-2", "ev-1", "Vote Inc", "VOTE",
                    List.of()));
            fixture.given(started())
                    .when(says("wamid.2", "vote"))
                    .expectState(conversation -> assertThat(conversation.state())
                            .isEqualTo(ConversationState.ANSWERING_POLL));
            // but the QR code's "lead vote" is the booth's
            fixture.given(started())
                    .when(says("wamid.2", "lead vote"))
                    .expectState(conversation -> assertThat(conversation.state())
                            .isEqualTo(ConversationState.SHARING_LEAD));
        }
    }

    @Nested
    class Consent {

        @Test
        void yesCapturesTheLeadAndOffersTheProductsWithSkip() {
            ResultValidator<Conversation> result = fixture.given(started(), inState(ConversationState.SHARING_LEAD, AT_A15))
                    .when(taps("wamid.3", LeadFlow.YES, "Yes, share"))
                    .expectResultMessagePayload(CAPTURE)
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.CHOOSING_LEAD_PRODUCT);
                        assertThat(conversation.stateData()).isEqualTo(AT_A15);
                    });
            ReplyQueued reply = Published.by(result).onlyReplyQueued();
            assertBilledToExhibitors(reply);
            OutboundReply.ChoiceList list = (OutboundReply.ChoiceList) reply.reply();
            assertThat(list.body()).startsWith("Thank you! Your contact was shared with CloudTech Ltd.");
            assertThat(list.rows()).extracting(OutboundReply.Choice::title)
                    .containsExactly("Cloud Server", "CDN Service", "Skip");
            assertThat(list.rows().get(0).id()).isEqualTo(LeadFlow.PRODUCT_PREFIX + "p-server");
        }

        @Test
        void aTypedYesIsAYesToo() {
            fixture.given(started(), inState(ConversationState.SHARING_LEAD, AT_A15))
                    .when(says("wamid.3", "Yes"))
                    .expectResultMessagePayload(CAPTURE);
        }

        @Test
        void aBoothWithoutProductsGoesStraightToTheNote() {
            catalogs.boothsByCode.put("A15", new ExhibitorCatalog.BoothOnOffer("exh-1", "ev-1", "CloudTech Ltd", "A15",
                    List.of()));
            ResultValidator<Conversation> result = fixture.given(started(), inState(ConversationState.SHARING_LEAD, AT_A15))
                    .when(taps("wamid.3", LeadFlow.YES, "Yes, share"))
                    .expectResultMessagePayload(CAPTURE)
                    .expectState(conversation -> assertThat(conversation.state())
                            .isEqualTo(ConversationState.LEAVING_LEAD_NOTE));
            assertThat(Published.by(result).onlyReply().fallbackText()).contains("leave a note");
        }

        @ParameterizedTest
        @ValueSource(strings = {"lead:no", "typed:no"})
        void noCapturesNothingAndSaysNothingWasShared(String how) {
            ReceiveMessage answer = how.startsWith("typed") ? says("wamid.3", "No")
                    : taps("wamid.3", LeadFlow.NO, "No, thanks");
            ResultValidator<Conversation> result = fixture.given(started(), inState(ConversationState.SHARING_LEAD, AT_A15))
                    .when(answer)
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.IDLE);
                        assertThat(conversation.stateData()).isEmpty();
                    });
            ReplyQueued reply = Published.by(result).onlyReplyQueued();
            assertThat(reply.reply().fallbackText()).isEqualTo("No problem: nothing was shared with CloudTech Ltd.");
            assertBilledToExhibitors(reply);
        }

        @Test
        void anythingElseAsksAgainAndCapturesNothing() {
            ResultValidator<Conversation> result = fixture.given(started(), inState(ConversationState.SHARING_LEAD, AT_A15))
                    .when(says("wamid.3", "maybe later"))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> assertThat(conversation.state())
                            .isEqualTo(ConversationState.SHARING_LEAD));
            assertThat(Published.by(result).onlyReply().fallbackText()).startsWith("Please tap *Yes, share*");
        }

        @Test
        void cancelLeavesWithoutCapturing() {
            fixture.given(started(), inState(ConversationState.SHARING_LEAD, AT_A15))
                    .when(says("wamid.3", "cancel"))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
        }

        @Test
        void aBoothRemovedFromTheCatalogMeanwhileCapturesNothing() {
            catalogs.boothsByCode.clear();
            ResultValidator<Conversation> result = fixture.given(started(), inState(ConversationState.SHARING_LEAD, AT_A15))
                    .when(taps("wamid.3", LeadFlow.YES, "Yes, share"))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
            assertThat(Published.by(result).onlyReply().fallbackText()).contains("no longer taking contacts");
        }
    }

    @Nested
    class ProductAndNote {

        @Test
        void aTappedProductIsKeptAndTheNoteIsAskedFor() {
            ResultValidator<Conversation> result = fixture
                    .given(started(), inState(ConversationState.CHOOSING_LEAD_PRODUCT, AT_A15))
                    .when(message("wamid.4", new MessageContent.ListReply(LeadFlow.PRODUCT_PREFIX + "p-cdn",
                            "CDN Service", null)))
                    .expectResultMessagePayload(List.of(new ConversationEffect.AddLeadDetail("exh-1", "p-cdn",
                            "CDN Service", null)))
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.LEAVING_LEAD_NOTE);
                        assertThat(conversation.stateData()).isEqualTo(AT_A15);
                    });
            ReplyQueued reply = Published.by(result).onlyReplyQueued();
            assertBilledToExhibitors(reply);
            assertThat(((OutboundReply.Buttons) reply.reply()).buttons()).extracting(OutboundReply.Choice::id)
                    .containsExactly(LeadFlow.SKIP);
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "cloud server"})
        void aProductMayBeTypedByNumberOrName(String text) {
            fixture.given(started(), inState(ConversationState.CHOOSING_LEAD_PRODUCT, AT_A15))
                    .when(says("wamid.4", text))
                    .expectResultMessagePayload(List.of(new ConversationEffect.AddLeadDetail("exh-1", "p-server",
                            "Cloud Server", null)));
        }

        @Test
        void skippingTheProductAsksForTheNoteAndKeepsNothing() {
            fixture.given(started(), inState(ConversationState.CHOOSING_LEAD_PRODUCT, AT_A15))
                    .when(says("wamid.4", "skip"))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> assertThat(conversation.state())
                            .isEqualTo(ConversationState.LEAVING_LEAD_NOTE));
        }

        @Test
        void aProductNotOnTheListIsAskedAgain() {
            ResultValidator<Conversation> result = fixture
                    .given(started(), inState(ConversationState.CHOOSING_LEAD_PRODUCT, AT_A15))
                    .when(says("wamid.4", "7"))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> assertThat(conversation.state())
                            .isEqualTo(ConversationState.CHOOSING_LEAD_PRODUCT));
            assertThat(Published.by(result).onlyReply().fallbackText()).startsWith("Please pick one of the products");
        }

        @Test
        void theNoteIsKeptAndTheVisitorIsFreeAgain() {
            ResultValidator<Conversation> result = fixture
                    .given(started(), inState(ConversationState.LEAVING_LEAD_NOTE, AT_A15))
                    .when(says("wamid.5", "  Call me after 5pm about pricing  "))
                    .expectResultMessagePayload(List.of(new ConversationEffect.AddLeadDetail("exh-1", null, null,
                            "Call me after 5pm about pricing")))
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.IDLE);
                        assertThat(conversation.stateData()).isEmpty();
                    });
            ReplyQueued reply = Published.by(result).onlyReplyQueued();
            assertThat(reply.reply().fallbackText()).isEqualTo("Thanks! CloudTech Ltd will see your note.");
            assertBilledToExhibitors(reply);
        }

        @Test
        void skippingTheNoteKeepsNothing() {
            fixture.given(started(), inState(ConversationState.LEAVING_LEAD_NOTE, AT_A15))
                    .when(taps("wamid.5", LeadFlow.SKIP, "Skip"))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
        }

        @Test
        void aNoteTooLongIsAskedAgain() {
            fixture.given(started(), inState(ConversationState.LEAVING_LEAD_NOTE, AT_A15))
                    .when(says("wamid.5", "x".repeat(501)))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> assertThat(conversation.state())
                            .isEqualTo(ConversationState.LEAVING_LEAD_NOTE));
        }
    }
}
