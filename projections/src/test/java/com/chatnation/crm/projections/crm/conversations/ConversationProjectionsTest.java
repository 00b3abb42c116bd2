package com.chatnation.crm.projections.crm.conversations;

import com.chatnation.crm.projections.TestContacts;
import com.chatnation.crm.domain.conversation.ConversationClosed;
import com.chatnation.crm.domain.conversation.ConversationExpired;
import com.chatnation.crm.domain.conversation.ConversationStarted;
import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.domain.conversation.ReplyFailed;
import com.chatnation.crm.domain.conversation.ReplyHeld;
import com.chatnation.crm.domain.conversation.ReplyQueued;
import com.chatnation.crm.domain.conversation.ReplySent;
import com.chatnation.crm.domain.conversation.StateChanged;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.chatnation.crm.projections.crm.contacts.ContactsProjection;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationProjectionsTest {

    private static final String ORG = "org-1";
    private static final String PHONE = "+254712345678";
    private static final String STREAM = "conversation-org-1-254712345678";
    private static final List<String> TABLES = List.of("contacts", "conversations", "messages");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final ObjectMapper json = Tables.objectMapper();
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new ContactsProjection(jdbc), new ConversationsProjection(jdbc, json),
                new MessagesProjection(jdbc, json));
    }

    /** Two sessions: the first expires during a survey, the second is closed. */
    private static History twoSessions() {
        Instant t0 = History.START;
        return new History()
                .add(STREAM, new ConversationStarted(STREAM, "s1", ORG, TestContacts.id(PHONE), PHONE, "Amina", t0, Duration.ofHours(24)))
                .add(STREAM, new MessageReceived(STREAM, "s1", ORG, TestContacts.id(PHONE), PHONE, "wamid.in1", t0,
                        new MessageContent.Text("Hi"), MessageContext.NONE, "Amina"))
                .add(STREAM, new ReplyQueued(STREAM, "s1", ORG, TestContacts.id(PHONE), PHONE, "r1", "core", "menu",
                        new OutboundReply.Buttons("What would you like?", List.of(
                                new OutboundReply.Choice("survey", "Take survey"),
                                new OutboundReply.Choice("events", "Events"))), "wamid.in1"))
                .add(STREAM, new ReplySent(STREAM, "s1", ORG, TestContacts.id(PHONE), "r1", "wamid.out1", 1))
                .add(STREAM, new MessageReceived(STREAM, "s1", ORG, TestContacts.id(PHONE), PHONE, "wamid.in2", t0.plusSeconds(300),
                        new MessageContent.ButtonReply("survey", "Take survey"),
                        new MessageContext("wamid.out1", false, null), "Amina"))
                .add(STREAM, new StateChanged(STREAM, "s1", ORG, TestContacts.id(PHONE), "idle", "survey_in_progress", "q1",
                        "surveys", Map.of("survey_id", "sv1", "current_question", "q1")))
                .add(STREAM, new ReplyQueued(STREAM, "s1", ORG, TestContacts.id(PHONE), PHONE, "r2", "surveys", "survey_question",
                        new OutboundReply.Text("How satisfied are you?"), "wamid.in2"))
                .add(STREAM, new ReplyHeld(STREAM, "s1", ORG, TestContacts.id(PHONE), "r2", "insufficient_tokens"))
                .add(STREAM, new ConversationExpired(STREAM, "s1", ORG, TestContacts.id(PHONE), t0.plusSeconds(300),
                        "survey_in_progress"))
                .add(STREAM, new ConversationStarted(STREAM, "s2", ORG, TestContacts.id(PHONE), PHONE, null, t0.plusSeconds(600), Duration.ofHours(24)))
                .add(STREAM, new MessageReceived(STREAM, "s2", ORG, TestContacts.id(PHONE), PHONE, "wamid.in3", t0.plusSeconds(600),
                        new MessageContent.Media("image", "media-9", "image/jpeg", "my ticket", null, false, false),
                        MessageContext.NONE, "Amina W."))
                .add(STREAM, new ReplyQueued(STREAM, "s2", ORG, TestContacts.id(PHONE), PHONE, "r3", "core", "fallback",
                        new OutboundReply.Text("Sorry, I did not get that"), "wamid.in3"))
                .add(STREAM, new ReplyFailed(STREAM, "s2", ORG, TestContacts.id(PHONE), "r3", 131047, "Re-engagement message"))
                .add(STREAM, new ConversationClosed(STREAM, "s2", ORG, TestContacts.id(PHONE), "cancelled"));
    }

    @Test
    void scriptedHistoryBuildsContactConversationsAndTranscript() {
        History history = twoSessions();
        projector.apply(history.events());

        Map<String, Object> contact = jdbc.queryForMap("SELECT * FROM contacts");
        assertThat(contact.get("id")).isEqualTo(ContactIds.of(TestContacts.id(PHONE)));
        assertThat(contact).containsEntry("organization_id", ORG).containsEntry("phone", PHONE)
                .containsEntry("name", "Amina W.").containsEntry("message_count", 3)
                .containsEntry("conversation_count", 2).containsEntry("last_sequence", 10L);
        assertThat(time(contact.get("first_seen_at"))).isEqualTo(Instant.parse("2025-03-01T08:00:00Z"));
        assertThat(time(contact.get("last_seen_at"))).isEqualTo(Instant.parse("2025-03-01T08:10:00Z"));

        Map<String, Object> s1 = jdbc.queryForMap("SELECT *, state_data::text AS data FROM conversations WHERE id = 's1'");
        assertThat(s1).containsEntry("organization_id", ORG).containsEntry("stream_id", STREAM)
                .containsEntry("contact_id", ContactIds.of(TestContacts.id(PHONE))).containsEntry("contact_phone", PHONE)
                .containsEntry("status", "expired").containsEntry("current_state", "survey_in_progress")
                .containsEntry("current_module", "surveys").containsEntry("current_step", "q1")
                .containsEntry("inbound_count", 2).containsEntry("outbound_count", 2)
                .containsEntry("message_count", 4).containsEntry("end_reason", "inactivity");
        assertThat(s1.get("data")).isEqualTo("{\"survey_id\": \"sv1\", \"current_question\": \"q1\"}");
        assertThat(time(s1.get("ended_at"))).isEqualTo(history.timeOf(8));
        assertThat(time(s1.get("last_message_at"))).isEqualTo(history.timeOf(6));

        Map<String, Object> s2 = jdbc.queryForMap("SELECT * FROM conversations WHERE id = 's2'");
        assertThat(s2).containsEntry("status", "closed").containsEntry("end_reason", "cancelled")
                .containsEntry("current_state", "idle").containsEntry("inbound_count", 1)
                .containsEntry("outbound_count", 1);
        assertThat(time(s2.get("started_at"))).isEqualTo(Instant.parse("2025-03-01T08:10:00Z"));

        List<Map<String, Object>> messages = jdbc.queryForList(
                "SELECT id, conversation_id, direction, type, text, status, wamid, in_reply_to, tokens_charged, "
                        + "error_code, hold_reason, content->>'variant' AS variant, content->>'kind' AS media_kind FROM messages ORDER BY created_at, id");
        assertThat(messages).extracting(m -> m.get("id"))
                .containsExactly("wamid.in1", "r1", "wamid.in2", "r2", "wamid.in3", "r3");
        assertThat(messages.get(0)).containsEntry("direction", "inbound").containsEntry("type", "text")
                .containsEntry("text", "Hi").containsEntry("status", "received").containsEntry("variant", "text");
        assertThat(messages.get(1)).containsEntry("direction", "outbound").containsEntry("type", "buttons")
                .containsEntry("status", "sent").containsEntry("wamid", "wamid.out1")
                .containsEntry("tokens_charged", 1L).containsEntry("in_reply_to", "wamid.in1")
                .containsEntry("variant", "buttons")
                .containsEntry("text", "What would you like?\n1. Take survey\n2. Events");
        assertThat(messages.get(2)).containsEntry("type", "button_reply").containsEntry("text", "Take survey")
                .containsEntry("in_reply_to", "wamid.out1").containsEntry("conversation_id", "s1");
        assertThat(messages.get(3)).containsEntry("status", "held").containsEntry("hold_reason", "insufficient_tokens");
        assertThat(messages.get(4)).containsEntry("type", "image").containsEntry("text", "my ticket")
                .containsEntry("variant", "media").containsEntry("media_kind", "image").containsEntry("conversation_id", "s2");
        assertThat(messages.get(5)).containsEntry("status", "failed").containsEntry("error_code", 131047);
    }

    @Test
    void applyingTheHistoryTwiceChangesNothing() {
        History history = twoSessions();
        projector.apply(history.events());
        Map<String, List<String>> once = Tables.snapshot(jdbc, TABLES);
        Map<String, String> sums = Tables.checksums(jdbc, TABLES);

        projector.apply(history.events());

        assertThat(Tables.snapshot(jdbc, TABLES)).isEqualTo(once);
        assertThat(Tables.checksums(jdbc, TABLES)).isEqualTo(sums);
        assertThat(jdbc.queryForObject("SELECT message_count FROM contacts", Integer.class)).isEqualTo(3);
    }

    @Test
    void aRedeliveredOlderEventDoesNotCountAgainAfterLaterOnes() {
        History history = twoSessions();
        projector.apply(history.events());
        Map<String, List<String>> before = Tables.snapshot(jdbc, TABLES);

        projector.apply(history.get(1));   // the first MessageReceived again
        projector.apply(history.get(5));   // the StateChanged again
        projector.apply(history.get(3));   // ReplySent again

        assertThat(Tables.snapshot(jdbc, TABLES)).isEqualTo(before);
    }

    @Test
    void replyStatusesOnlyMoveForwardWhateverTheOrder() {
        History history = new History()
                .add(STREAM, new ConversationStarted(STREAM, "s1", ORG, TestContacts.id(PHONE), PHONE, "Amina", History.START, Duration.ofHours(24)))
                .add(STREAM, new ReplyQueued(STREAM, "s1", ORG, TestContacts.id(PHONE), PHONE, "r1", "core", "menu",
                        new OutboundReply.Text("Hello"), null))
                .add(STREAM, new ReplyHeld(STREAM, "s1", ORG, TestContacts.id(PHONE), "r1", "insufficient_tokens"))
                .add(STREAM, new ReplySent(STREAM, "s1", ORG, TestContacts.id(PHONE), "r1", "wamid.out1", 1))
                .add(STREAM, new ReplyQueued(STREAM, "s1", ORG, TestContacts.id(PHONE), PHONE, "r2", "core", "menu",
                        new OutboundReply.Text("Again"), null))
                .add(STREAM, new ReplyFailed(STREAM, "s1", ORG, TestContacts.id(PHONE), "r2", 131026, "Undeliverable"))
                .add(STREAM, new ReplySent(STREAM, "s1", ORG, TestContacts.id(PHONE), "r2", "wamid.out2", 1));
        MessagesProjection messages = new MessagesProjection(jdbc, json);
        Projector only = new Projector(messages);

        // r1: sent arrives first, then held, then queued; r2: failed, then a late sent, then queued.
        only.apply(List.of(history.get(3), history.get(2), history.get(1),
                history.get(5), history.get(6), history.get(4)));

        Map<String, Object> r1 = jdbc.queryForMap("SELECT * FROM messages WHERE id = 'r1'");
        assertThat(r1).containsEntry("status", "sent").containsEntry("wamid", "wamid.out1")
                .containsEntry("text", "Hello").containsEntry("type", "text").containsEntry("module", "core");
        assertThat(time(r1.get("queued_at"))).isEqualTo(history.timeOf(1));
        assertThat(time(r1.get("held_at"))).isEqualTo(history.timeOf(2));
        assertThat(time(r1.get("sent_at"))).isEqualTo(history.timeOf(3));
        assertThat(time(r1.get("created_at"))).isEqualTo(history.timeOf(1));

        Map<String, Object> r2 = jdbc.queryForMap("SELECT * FROM messages WHERE id = 'r2'");
        assertThat(r2).containsEntry("status", "failed").containsEntry("error_code", 131026)
                .containsEntry("wamid", "wamid.out2").containsEntry("text", "Again");
        assertThat(time(r2.get("sent_at"))).isEqualTo(history.timeOf(6));

        Map<String, List<String>> before = Tables.snapshot(jdbc, List.of("messages"));
        only.apply(history.events());
        assertThat(Tables.snapshot(jdbc, List.of("messages"))).isEqualTo(before);
    }

    @Test
    void readAfterFailedWinsButFailedIsNotOverwrittenByEarlierStatuses() {
        Integer readOverFailed = jdbc.queryForObject(
                "SELECT (message_status_rank('read') > message_status_rank('failed'))::int", Integer.class);
        Integer failedOverDelivered = jdbc.queryForObject(
                "SELECT (message_status_rank('failed') > message_status_rank('delivered'))::int", Integer.class);
        assertThat(readOverFailed).isEqualTo(1);
        assertThat(failedOverDelivered).isEqualTo(1);
    }

    static Instant time(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
