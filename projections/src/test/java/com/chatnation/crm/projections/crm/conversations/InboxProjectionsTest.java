package com.chatnation.crm.projections.crm.conversations;

import com.chatnation.crm.domain.conversation.AgentReplied;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.conversation.ConversationAssigned;
import com.chatnation.crm.domain.conversation.ConversationClosed;
import com.chatnation.crm.domain.conversation.ConversationHandedOver;
import com.chatnation.crm.domain.conversation.ConversationStarted;
import com.chatnation.crm.domain.conversation.HandedBackToBot;
import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.domain.conversation.NoteAdded;
import com.chatnation.crm.domain.conversation.ReplyQueued;
import com.chatnation.crm.domain.conversation.StateChanged;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.projections.TestContacts;
import com.chatnation.crm.projections.analytics.DailyRollupProjection;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;

import static com.chatnation.crm.projections.crm.conversations.ConversationProjectionsTest.time;
import static org.assertj.core.api.Assertions.assertThat;

/** Who holds each session, the agents' replies and notes, and the handover figures of the rollups. */
class InboxProjectionsTest {

    private static final String ORG = "org-inbox";
    private static final String PHONE = "+254712345670";
    private static final String CONTACT = TestContacts.id(PHONE);
    private static final String STREAM = "conversation-org-inbox-" + CONTACT;
    private static final List<String> TABLES = List.of("conversations", "messages", "conversation_notes",
            "rollup_facts", "daily_rollups");
    private static final Instant T0 = History.START;
    private static final Instant HANDED_OVER = T0.plusSeconds(10);
    private static final Instant ANSWERED = T0.plusSeconds(100);
    private static final Instant HANDED_BACK = T0.plusSeconds(400);

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final ObjectMapper json = Tables.objectMapper();
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new ConversationsProjection(jdbc, json), new MessagesProjection(jdbc, json),
                new DailyRollupProjection(jdbc));
    }

    private static MessageReceived says(String session, String id, String text, Instant at) {
        return new MessageReceived(STREAM, session, ORG, CONTACT, PHONE, id, at, new MessageContent.Text(text),
                MessageContext.NONE, "Amina");
    }

    /** Asked for a person, waited, was answered by an agent, then handed back; in that order, with a note. */
    private static History history() {
        return new History()
                .add(STREAM, new ConversationStarted(STREAM, "s1", ORG, CONTACT, PHONE, "Amina", T0, Duration.ofHours(24)), T0)
                .add(STREAM, says("s1", "wamid.1", "agent", HANDED_OVER), HANDED_OVER)
                .add(STREAM, new ConversationHandedOver(STREAM, "s1", ORG, CONTACT,
                        ConversationHandedOver.CONTACT_ASKED, null, HANDED_OVER), HANDED_OVER)
                .add(STREAM, new StateChanged(STREAM, "s1", ORG, CONTACT, "idle", "handed_over", null, "inbox",
                        Map.of("handoverReason", "contact_asked")), HANDED_OVER)
                .add(STREAM, new ReplyQueued(STREAM, "s1", ORG, CONTACT, PHONE, "r1", "inbox", "reply",
                        new OutboundReply.Text("A member of our team will reply here shortly."), "wamid.1"), HANDED_OVER)
                .add(STREAM, says("s1", "wamid.2", "hello?", T0.plusSeconds(40)), T0.plusSeconds(40))       // 5
                .add(STREAM, new ConversationAssigned(STREAM, "s1", ORG, CONTACT, "agent-1", "agent-1",
                        T0.plusSeconds(60)), T0.plusSeconds(60))                                               // 6
                .add(STREAM, new ReplyQueued(STREAM, "s1", ORG, CONTACT, PHONE, "r2", "inbox", "agent_reply", null,
                        null, HANDED_OVER.plus(Duration.ofHours(24)), null,
                        new OutboundReply.Text("Hi Amina, Wanjiru here")), ANSWERED)
                .add(STREAM, new AgentReplied(STREAM, "s1", ORG, CONTACT, "agent-1", "r2", null, HANDED_OVER, true,
                        ANSWERED), ANSWERED)                                                                  // 8
                .add(STREAM, new NoteAdded(STREAM, "s1", ORG, CONTACT, "n1", "agent-1", "Wants a refund",
                        T0.plusSeconds(200)), T0.plusSeconds(200))
                .add(STREAM, new HandedBackToBot(STREAM, "s1", ORG, CONTACT, "agent-1", HandedBackToBot.HANDED_BACK,
                        HANDED_OVER, HANDED_BACK), HANDED_BACK)                                              // 10
                .add(STREAM, new StateChanged(STREAM, "s1", ORG, CONTACT, "handed_over", "idle", null, "general",
                        Map.of()), HANDED_BACK);
    }

    private Map<String, Object> session(String id) {
        return jdbc.queryForMap("SELECT * FROM conversations WHERE id = ?", id);
    }

    @Test
    void theSessionShowsWhoHoldsItAtEachStep() {
        List<? extends EventMessage<?>> events = history().events();
        projector.apply(events.subList(0, 5));
        assertThat(session("s1")).containsEntry("inbox_status", "waiting").containsEntry("handover_reason", "contact_asked")
                .containsEntry("current_state", "handed_over");
        assertThat(time(session("s1").get("handed_over_at"))).isEqualTo(HANDED_OVER);
        assertThat(time(session("s1").get("awaiting_agent_since"))).isEqualTo(HANDED_OVER);

        projector.apply(events.subList(5, 7));
        assertThat(time(session("s1").get("awaiting_agent_since"))).as("still the first unanswered moment")
                .isEqualTo(HANDED_OVER);
        assertThat(session("s1")).containsEntry("inbox_status", "assigned").containsEntry("assigned_agent_id", "agent-1");

        projector.apply(events.subList(7, 10));
        assertThat(session("s1").get("awaiting_agent_since")).isNull();
        assertThat(time(session("s1").get("first_human_response_at"))).isEqualTo(ANSWERED);

        projector.apply(events.subList(10, events.size()));
        assertThat(session("s1")).containsEntry("inbox_status", "bot").containsEntry("current_state", "idle");
        assertThat(session("s1").get("assigned_agent_id")).isNull();
        assertThat(time(session("s1").get("resolved_at"))).isEqualTo(HANDED_BACK);
    }

    @Test
    void theAgentsReplyAndNoteAreInTheTranscriptAndTheFiguresInTheRollups() {
        projector.apply(history().events());

        Map<String, Object> reply = jdbc.queryForMap("SELECT * FROM messages WHERE id = 'r2'");
        assertThat(reply).containsEntry("text", "Hi Amina, Wanjiru here").containsEntry("agent_id", "agent-1")
                .containsEntry("module", "inbox").containsEntry("action", "agent_reply").containsEntry("status", "queued");
        assertThat(jdbc.queryForMap("SELECT agent_id FROM messages WHERE id = 'r1'").get("agent_id"))
                .as("the bot's confirmation").isNull();
        assertThat(jdbc.queryForMap("SELECT * FROM conversation_notes")).containsEntry("id", "n1")
                .containsEntry("conversation_id", "s1").containsEntry("agent_id", "agent-1")
                .containsEntry("text", "Wants a refund");

        assertThat(rollup("inbox.handovers", "contact_asked")).containsEntry("facts", 1L);
        Map<String, Object> firstResponse = rollup("inbox.first_response_seconds", "");
        assertThat((BigDecimal) firstResponse.get("value")).isEqualByComparingTo("90");
        assertThat(firstResponse).containsEntry("facts", 1L);
        assertThat((BigDecimal) rollup("inbox.resolution_seconds", "handed_back").get("value"))
                .isEqualByComparingTo("390");
    }

    @Test
    void closingAHandedOverSessionKeepsItsAgentAndCountsItsResolution() {
        Instant closed = T0.plusSeconds(130);
        History history = history();
        List<? extends EventMessage<?>> start = history.events().subList(0, 9);
        projector.apply(start);
        History more = new History(); // the same first nine events, so the stream's sequence numbers continue
        for (int i = 0; i < 9; i++) {
            more.add(STREAM, start.get(i).getPayload(), start.get(i).getTimestamp());
        }
        more.add(STREAM, new HandedBackToBot(STREAM, "s1", ORG, CONTACT, "agent-1", HandedBackToBot.CLOSED,
                HANDED_OVER, closed), closed);
        more.add(STREAM, new ConversationClosed(STREAM, "s1", ORG, CONTACT, "closed_by_agent"), closed);
        projector.apply(more.events().subList(9, 11));

        assertThat(session("s1")).containsEntry("inbox_status", "closed").containsEntry("status", "closed")
                .containsEntry("assigned_agent_id", "agent-1").containsEntry("end_reason", "closed_by_agent");
        assertThat((BigDecimal) rollup("inbox.resolution_seconds", "closed").get("value")).isEqualByComparingTo("120");
    }

    @Test
    void replayingTwiceChangesNothingAndErasureTakesTheNotes() {
        History history = history();
        projector.apply(history.events());
        Map<String, String> once = Tables.checksums(jdbc, TABLES);
        projector.apply(history.events());
        assertThat(Tables.checksums(jdbc, TABLES)).isEqualTo(once);

        projector.apply(new History().add(STREAM, new ContactErased(STREAM, "s1", ORG, CONTACT, "request",
                T0.plusSeconds(900))).events());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM conversation_notes", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messages", Long.class)).isZero();
        assertThat(rollup("inbox.handovers", "contact_asked")).as("counted still").containsEntry("facts", 1L);
    }

    private Map<String, Object> rollup(String metric, String dimension) {
        return jdbc.queryForMap("SELECT value, facts FROM daily_rollups WHERE organization_id = ? AND metric = ? "
                + "AND dimension = ?", ORG, metric, dimension);
    }
}
