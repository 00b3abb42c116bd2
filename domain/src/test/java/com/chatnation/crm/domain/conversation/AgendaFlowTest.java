package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.TestContacts;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.conversation.AgendaCatalog.AgendaDay;
import com.chatnation.crm.domain.conversation.AgendaCatalog.SessionDetail;
import com.chatnation.crm.domain.conversation.AgendaCatalog.SessionSummary;
import com.chatnation.crm.domain.conversation.AgendaCatalog.SpeakerOnStage;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.messaging.OutboundReply;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.chatnation.crm.domain.conversation.FakeCatalogs.ORG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event's agenda in a conversation: "agenda" lists the agenda day's sessions, a tap or a number shows one with its
 * speakers, "Remind me" asks for a reminder and "Cancel reminder" takes it back.
 */
class AgendaFlowTest {

    private static final PhoneNumber CONTACT = PhoneNumber.of("+254712345678");
    private static final String CONTACT_ID = TestContacts.id(CONTACT);
    private static final String ID = ConversationId.of(ORG, CONTACT_ID);
    private static final String SESSION = "session-1";
    private static final Duration TIMEOUT = Duration.ofHours(24);
    /** Saturday 21 November 2026, 13:00 in Nairobi. */
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant SOON = T0.plusSeconds(5);
    private static final String ZONE = "Africa/Nairobi";
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
    private static final SessionSummary PANEL = new SessionSummary("ses-panel", "Fintech panel: what next?",
            Instant.parse("2026-11-21T11:00:00Z"), Instant.parse("2026-11-21T12:00:00Z"), "Hall A");
    private static final SessionSummary CLOSING = new SessionSummary("ses-closing", "Closing",
            Instant.parse("2026-11-21T13:00:00Z"), Instant.parse("2026-11-21T13:30:00Z"), null);
    private static final List<SpeakerOnStage> SPEAKERS = List.of(new SpeakerOnStage("Amina Njeri", "CTO", "Acme"),
            new SpeakerOnStage("Otieno Odhiambo", null, "M-Kopa"));

    private AggregateTestFixture<Conversation> fixture;
    private FakeCatalogs catalogs;
    private Agenda agenda;

    /** One event's agenda; the reminders pending are kept by session id. */
    static final class Agenda implements AgendaCatalog {
        AgendaDay day = new AgendaDay("evt-1", TODAY, ZONE, List.of(PANEL, CLOSING));
        final Map<String, SessionDetail> sessions = new HashMap<>();
        final Set<String> reminded = new HashSet<>();

        Agenda() {
            sessions.put(PANEL.sessionId(), detail(PANEL, SPEAKERS, "Where money goes next"));
            sessions.put(CLOSING.sessionId(), detail(CLOSING, List.of(), null));
        }

        static SessionDetail detail(SessionSummary session, List<SpeakerOnStage> speakers, String description) {
            return new SessionDetail(session.sessionId(), "evt-1", session.title(), description, session.startsAt(),
                    session.endsAt(), session.room(), ZONE, speakers, false);
        }

        @Override
        public Optional<AgendaDay> agendaDay(String organizationId, Instant now) {
            return Optional.ofNullable(day);
        }

        @Override
        public Optional<SessionDetail> session(String organizationId, String sessionId, String conversationId) {
            SessionDetail found = sessions.get(sessionId);
            if (found == null || !ID.equals(conversationId)) {
                return Optional.ofNullable(found);
            }
            return Optional.of(new SessionDetail(found.sessionId(), found.eventId(), found.title(),
                    found.description(), found.startsAt(), found.endsAt(), found.room(), found.timeZone(),
                    found.speakers(), reminded.contains(sessionId)));
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
        catalogs = new FakeCatalogs();
        agenda = new Agenda();
        catalogs.agenda = agenda;
        fixture.registerInjectableResource(catalogs);
    }

    private static ReceiveMessage says(String messageId, String text) {
        return message(messageId, new MessageContent.Text(text), SOON);
    }

    private static ReceiveMessage taps(String messageId, String id, String title) {
        return message(messageId, new MessageContent.ButtonReply(id, title), SOON);
    }

    private static ReceiveMessage picks(String messageId, String id, String title) {
        return message(messageId, new MessageContent.ListReply(id, title, null), SOON);
    }

    private static ReceiveMessage message(String messageId, MessageContent content, Instant at) {
        return new ReceiveMessage(ID, ORG, CONTACT_ID, CONTACT, "Jane", messageId, at, content, MessageContext.NONE,
                TIMEOUT);
    }

    private static ConversationStarted started() {
        return new ConversationStarted(ID, SESSION, ORG, CONTACT_ID, CONTACT.e164(), "Jane", T0, TIMEOUT);
    }

    private static StateChanged browsing() {
        return new StateChanged(ID, SESSION, ORG, CONTACT_ID, "idle", "browsing_agenda", null, "events",
                Map.of(AgendaFlow.SHOWN, "ses-panel,ses-closing"));
    }

    private static void assertBilledAsEventsReply(ReplyQueued reply) {
        assertThat(reply.module()).isEqualTo("events");
        assertThat(reply.action()).isEqualTo("reply");
    }

    @Nested
    class Listing {

        @Test
        void agendaListsTodaysSessionsWithTheirTimesAndRoomsInTheAgendasZone() {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "Agenda!"))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.BROWSING_AGENDA);
                        assertThat(conversation.stateData()).containsEntry(AgendaFlow.SHOWN, "ses-panel,ses-closing");
                    });
            Published events = Published.by(result);
            ReplyQueued reply = events.onlyReplyQueued();
            assertBilledAsEventsReply(reply);
            OutboundReply.ChoiceList list = (OutboundReply.ChoiceList) reply.reply();
            assertThat(list.body()).startsWith("Today's sessions (Sat 21 Nov)");
            assertThat(list.rows()).extracting(OutboundReply.Choice::id)
                    .containsExactly("session:ses-panel", "session:ses-closing");
            // 14:00 Nairobi time, not 11:00 UTC; the title fitted to WhatsApp's 24 characters
            assertThat(list.rows().get(0).title()).isEqualTo("Fintech panel: what nex…").hasSize(24);
            assertThat(list.rows().get(0).description()).isEqualTo("14:00–15:00 · Hall A");
            assertThat(list.rows().get(1).description()).isEqualTo("16:00–16:30");
        }

        @Test
        void anotherDaysSessionsAreNamedByTheirDay() {
            agenda.day = new AgendaDay("evt-1", TODAY.plusDays(2), ZONE, List.of(new SessionSummary("ses-x", "Opening",
                    Instant.parse("2026-11-23T06:00:00Z"), Instant.parse("2026-11-23T07:00:00Z"), null)));
            ResultValidator<Conversation> result = fixture.given(started()).when(says("wamid.2", "agenda"));
            OutboundReply.ChoiceList list = (OutboundReply.ChoiceList) Published.by(result).onlyReply();
            assertThat(list.body()).startsWith("Sessions on Mon 23 Nov.");
        }

        @Test
        void atMostTenSessionsAreListedAndDescriptionsFitSeventyTwoCharacters() {
            List<SessionSummary> many = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                many.add(new SessionSummary("ses-" + i, "Talk " + i, PANEL.startsAt(), PANEL.endsAt(), "R".repeat(80)));
            }
            agenda.day = new AgendaDay("evt-1", TODAY, ZONE, many);
            ResultValidator<Conversation> result = fixture.given(started()).when(says("wamid.2", "agenda"));
            OutboundReply.ChoiceList list = (OutboundReply.ChoiceList) Published.by(result).onlyReply();
            assertThat(list.rows()).hasSize(10);
            assertThat(list.rows()).allSatisfy(row -> assertThat(row.description()).hasSize(72).endsWith("…"));
        }

        @Test
        void withoutAgendaTheContactIsToldAndStaysIdle() {
            agenda.day = null;
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "agenda"))
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
            ReplyQueued reply = Published.by(result).onlyReplyQueued();
            assertThat(reply.reply().fallbackText()).startsWith("There are no sessions on the agenda");
            assertBilledAsEventsReply(reply);
        }

        @Test
        void theMenuOffersTheAgendaWhenThereIsOneAndItsRowOpensIt() {
            ResultValidator<Conversation> menu = fixture.given(started()).when(says("wamid.2", "menu"));
            OutboundReply.ChoiceList list = (OutboundReply.ChoiceList) Published.by(menu).onlyReply();
            assertThat(list.rows()).extracting(OutboundReply.Choice::id).contains(GlobalWords.MENU_AGENDA);

            ResultValidator<Conversation> picked = fixture.given(started())
                    .when(picks("wamid.3", GlobalWords.MENU_AGENDA, "Event agenda"));
            assertThat(Published.by(picked).onlyReply()).isInstanceOf(OutboundReply.ChoiceList.class);
            assertThat(Published.by(picked).onlyStateChange().toState()).isEqualTo("browsing_agenda");
        }

        @Test
        void theMenuLeavesTheAgendaOutWhenThereIsNone() {
            agenda.day = null;
            ResultValidator<Conversation> menu = fixture.given(started()).when(says("wamid.2", "menu"));
            OutboundReply.ChoiceList list = (OutboundReply.ChoiceList) Published.by(menu).onlyReply();
            assertThat(list.rows()).extracting(OutboundReply.Choice::id).doesNotContain(GlobalWords.MENU_AGENDA);
        }
    }

    @Nested
    class ASession {

        @Test
        void tappingARowShowsTimeRoomDescriptionAndThePanelWithARemindButton() {
            ResultValidator<Conversation> result = fixture.given(started(), browsing())
                    .when(picks("wamid.3", "session:ses-panel", "Fintech panel"))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> assertThat(conversation.state())
                            .isEqualTo(ConversationState.BROWSING_AGENDA));
            ReplyQueued reply = Published.by(result).onlyReplyQueued();
            assertBilledAsEventsReply(reply);
            OutboundReply.Buttons detail = (OutboundReply.Buttons) reply.reply();
            assertThat(detail.body()).isEqualTo("""
                    *Fintech panel: what next?*
                    Sat 21 Nov, 14:00–15:00 (Africa/Nairobi)
                    Room: Hall A

                    Where money goes next

                    Speakers:
                    • Amina Njeri, CTO, Acme
                    • Otieno Odhiambo, M-Kopa""");
            assertThat(detail.buttons()).extracting(OutboundReply.Choice::id)
                    .containsExactly("agenda:remind:ses-panel", AgendaFlow.BACK);
            assertThat(detail.buttons()).extracting(OutboundReply.Choice::title)
                    .containsExactly("Remind me", "Back to agenda");
        }

        @Test
        void typingItsNumberShowsTheSameSession() {
            ResultValidator<Conversation> result = fixture.given(started(), browsing())
                    .when(says("wamid.3", "2"));
            OutboundReply.Buttons detail = (OutboundReply.Buttons) Published.by(result).onlyReply();
            assertThat(detail.body()).startsWith("*Closing*\nSat 21 Nov, 16:00–16:30").doesNotContain("Speaker");
        }

        @Test
        void aSessionWithAReminderOffersToCancelIt() {
            agenda.reminded.add("ses-panel");
            ResultValidator<Conversation> result = fixture.given(started(), browsing())
                    .when(picks("wamid.3", "session:ses-panel", "Fintech panel"));
            OutboundReply.Buttons detail = (OutboundReply.Buttons) Published.by(result).onlyReply();
            assertThat(detail.buttons()).extracting(OutboundReply.Choice::id)
                    .containsExactly("agenda:unremind:ses-panel", AgendaFlow.BACK);
        }

        @Test
        void aSessionNoLongerOnTheAgendaIsSaidToBeGone() {
            agenda.sessions.remove("ses-panel");
            ResultValidator<Conversation> result = fixture.given(started(), browsing())
                    .when(picks("wamid.3", "session:ses-panel", "Fintech panel"));
            assertThat(Published.by(result).onlyReply().fallbackText()).startsWith("Sorry, that session is no longer");
        }

        @Test
        void somethingElseLeavesTheAgendaForWhatItAsks() {
            fixture.given(started(), browsing())
                    .when(says("wamid.3", "tickets"))
                    .expectState(conversation -> assertThat(conversation.state())
                            .isEqualTo(ConversationState.CHOOSING_EVENT));
        }

        @Test
        void backToAgendaListsTheSessionsAgain() {
            ResultValidator<Conversation> result = fixture.given(started(), browsing())
                    .when(taps("wamid.3", AgendaFlow.BACK, "Back to agenda"));
            assertThat(Published.by(result).onlyReply()).isInstanceOf(OutboundReply.ChoiceList.class);
        }
    }

    @Nested
    class Reminders {

        @Test
        void remindMeAsksForTheReminderAndOffersToCancelIt() {
            ResultValidator<Conversation> result = fixture.given(started(), browsing())
                    .when(taps("wamid.4", "agenda:remind:ses-panel", "Remind me"))
                    .expectResultMessagePayload(List.of(new ConversationEffect.RemindOfSession("evt-1", "ses-panel",
                            PANEL.startsAt())));
            ReplyQueued reply = Published.by(result).onlyReplyQueued();
            assertBilledAsEventsReply(reply);
            OutboundReply.Buttons done = (OutboundReply.Buttons) reply.reply();
            assertThat(done.body()).isEqualTo("Done! I'll remind you here shortly before *Fintech panel: what next?* "
                    + "starts (Sat 21 Nov, 14:00–15:00).");
            assertThat(done.buttons()).extracting(OutboundReply.Choice::id)
                    .containsExactly("agenda:unremind:ses-panel", AgendaFlow.BACK);
        }

        @Test
        void theButtonStillWorksOnceTheContactIsIdleAndLeavesThemIdle() {
            fixture.given(started())
                    .when(taps("wamid.4", "agenda:remind:ses-panel", "Remind me"))
                    .expectResultMessagePayload(List.of(new ConversationEffect.RemindOfSession("evt-1", "ses-panel",
                            PANEL.startsAt())))
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
        }

        @Test
        void aSessionThatStartedIsNotRemindedOf() {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(message("wamid.4", new MessageContent.ButtonReply("agenda:remind:ses-panel", "Remind me"),
                            PANEL.startsAt().plusSeconds(60)))
                    .expectResultMessagePayload(List.of());
            assertThat(Published.by(result).onlyReply().fallbackText()).contains("has already started");
        }

        @Test
        void aCancelledSessionIsNotRemindedOf() {
            agenda.sessions.remove("ses-panel");
            fixture.given(started())
                    .when(taps("wamid.4", "agenda:remind:ses-panel", "Remind me"))
                    .expectResultMessagePayload(List.of());
        }

        @Test
        void cancelReminderTakesItBackAndOffersItAgain() {
            agenda.reminded.add("ses-panel");
            ResultValidator<Conversation> result = fixture.given(started(), browsing())
                    .when(taps("wamid.5", "agenda:unremind:ses-panel", "Cancel reminder"))
                    .expectResultMessagePayload(List.of(new ConversationEffect.CancelSessionReminder("ses-panel")));
            OutboundReply.Buttons undone = (OutboundReply.Buttons) Published.by(result).onlyReply();
            assertThat(undone.body()).isEqualTo("Okay, no reminder for *Fintech panel: what next?*.");
            assertThat(undone.buttons()).extracting(OutboundReply.Choice::id)
                    .containsExactly("agenda:remind:ses-panel", AgendaFlow.BACK);
        }
    }
}
