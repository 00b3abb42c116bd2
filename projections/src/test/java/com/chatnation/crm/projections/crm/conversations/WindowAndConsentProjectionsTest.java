package com.chatnation.crm.projections.crm.conversations;

import com.chatnation.crm.domain.conversation.ConsentSource;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.conversation.ContactOptedIn;
import com.chatnation.crm.domain.conversation.ContactOptedOut;
import com.chatnation.crm.domain.conversation.ConversationStarted;
import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.domain.conversation.ReplyExpired;
import com.chatnation.crm.domain.conversation.ReplyHeld;
import com.chatnation.crm.domain.conversation.ReplyQueued;
import com.chatnation.crm.domain.conversation.ReplySent;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.projections.TestContacts;
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
import java.util.List;
import java.util.Map;

import static com.chatnation.crm.projections.crm.conversations.ConversationProjectionsTest.time;
import static org.assertj.core.api.Assertions.assertThat;

/** The window per session, expired replies in the transcript, and the contacts' marketing consent. */
class WindowAndConsentProjectionsTest {

    private static final String ORG = "org-1";
    private static final String PHONE = "+254712345679";
    private static final String CONTACT = TestContacts.id(PHONE);
    private static final String STREAM = "conversation-org-1-" + CONTACT;
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

    private static History history() {
        Instant t0 = History.START;
        return new History()
                .add(STREAM, new ContactOptedOut(STREAM, null, ORG, CONTACT, ConsentSource.META_PREFERENCES,
                        t0.minusSeconds(60)))
                .add(STREAM, new ConversationStarted(STREAM, "s1", ORG, CONTACT, PHONE, "Amina", t0, Duration.ofHours(24)))
                .add(STREAM, new MessageReceived(STREAM, "s1", ORG, CONTACT, PHONE, "wamid.in1", t0.plusSeconds(3600),
                        new MessageContent.Text("Hi"), MessageContext.NONE, "Amina"))
                .add(STREAM, new MessageReceived(STREAM, "s1", ORG, CONTACT, PHONE, "wamid.in0", t0,
                        new MessageContent.Text("earlier"), MessageContext.NONE, "Amina"))
                .add(STREAM, new ReplyQueued(STREAM, "s1", ORG, CONTACT, PHONE, "r1", "general", "reply",
                        new OutboundReply.Text("Hello"), "wamid.in1", t0.plusSeconds(3600).plus(Duration.ofHours(24)), null))
                .add(STREAM, new ReplyHeld(STREAM, "s1", ORG, CONTACT, "r1", "insufficient tokens"))
                .add(STREAM, new ReplyExpired(STREAM, "s1", ORG, CONTACT, "r1", ReplyExpired.WINDOW_CLOSED,
                        t0.plusSeconds(3600).plus(Duration.ofHours(24))))
                .add(STREAM, new ReplySent(STREAM, "s1", ORG, CONTACT, "r1", "wamid.late", 1)) // cannot undo it
                .add(STREAM, new ContactOptedIn(STREAM, "s1", ORG, CONTACT, ConsentSource.KEYWORD, t0.plusSeconds(4000)));
    }

    @Test
    void theSessionShowsWhenItsWindowClosesTheTranscriptTheExpiredReplyAndTheContactTheirConsent() {
        projector.apply(history().events());

        Map<String, Object> session = jdbc.queryForMap("SELECT * FROM conversations WHERE id = 's1'");
        assertThat(time(session.get("window_closes_at")))
                .isEqualTo(History.START.plusSeconds(3600).plus(Duration.ofHours(24)));

        Map<String, Object> reply = jdbc.queryForMap("SELECT * FROM messages WHERE id = 'r1'");
        assertThat(reply).containsEntry("status", "expired").containsEntry("hold_reason", "insufficient tokens");
        assertThat(reply.get("expired_at")).isNotNull();

        Map<String, Object> contact = jdbc.queryForMap("SELECT * FROM contacts");
        assertThat(contact).containsEntry("marketing_opt_in", true).containsEntry("consent_source", "keyword")
                .containsEntry("message_count", 2).containsEntry("conversation_count", 1);
        assertThat(time(contact.get("consent_changed_at"))).isEqualTo(History.START.plusSeconds(4000));
    }

    @Test
    void aContactKnownOnlyByTheirOptOutHasARow() {
        projector.apply(history().events().subList(0, 1));
        Map<String, Object> contact = jdbc.queryForMap("SELECT * FROM contacts");
        assertThat(contact).containsEntry("id", ContactIds.of(CONTACT)).containsEntry("marketing_opt_in", false)
                .containsEntry("consent_source", "meta_preferences").containsEntry("message_count", 0);
        assertThat(contact.get("phone")).isNull();
    }

    @Test
    void replayingTheHistoryTwiceChangesNothingAndErasureRemovesTheContact() {
        History history = history();
        projector.apply(history.events());
        Map<String, String> once = Tables.checksums(jdbc, TABLES);
        projector.apply(history.events());
        assertThat(Tables.checksums(jdbc, TABLES)).isEqualTo(once);

        projector.apply(new History().add(STREAM, new ContactErased(STREAM, "s1", ORG, CONTACT, "request",
                History.START.plusSeconds(5000))).events());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM contacts", Long.class)).isZero();
    }
}
