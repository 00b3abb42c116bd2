package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.platform.privacy.ContactDirectory;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static com.chatnation.crm.application.conversations.ConversationFlowIntegrationTest.eventually;
import static com.chatnation.crm.application.conversations.ConversationFlowIntegrationTest.eventuallyEquals;
import static com.chatnation.crm.application.conversations.ConversationFlowIntegrationTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

/** The 24-hour customer-service window, against real PostgreSQL and the Graph API stand-in. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReplyWindowIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    InboundMessageService inbound;
    @Autowired
    ContactDirectory directory;

    AdminClient admin;

    @BeforeEach
    void client() {
        admin = new AdminClient("http://localhost:" + port);
    }

    private static String phone() {
        return "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    private void says(Conversations org, String contact, String text, Instant at) {
        inbound.receive(new IncomingMessage(org.organizationId, PhoneNumber.of(contact), "Jane",
                "wamid.window." + UUID.randomUUID(), at, new MessageContent.Text(text), MessageContext.NONE));
    }

    @Test
    void aHeldReplyReleased25HoursAfterTheContactsLastMessageIsNotSentAndEndsExpiredUncharged() {
        Conversations org = new Conversations(admin, 0); // nothing to pay with: the reply is held
        String contact = phone();
        // the contact's last message: 25 hours before the release, less the few seconds the reply waits here
        Instant wrote = Instant.now().minus(Duration.ofHours(24)).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        says(org, contact, "hello", wrote);
        assertThat(eventually(() -> jdbc.queryForList(
                "SELECT status FROM outbound_replies WHERE contact_phone = ? AND status = 'held'", contact)))
                .containsEntry("status", "held");

        while (Instant.now().isBefore(wrote.plus(Duration.ofHours(24)).plusMillis(500))) {
            sleep(200); // the window closes while the reply waits for tokens
        }
        org.purchase("top-up", 10);

        Map<String, Object> expired = eventually(() -> jdbc.queryForList(
                "SELECT status, tokens_charged FROM outbound_replies WHERE contact_phone = ? AND status = 'expired'",
                contact));
        assertThat(expired).containsEntry("tokens_charged", 0L);
        sleep(500);
        assertThat(GRAPH.sentTo(contact)).isEmpty();
        assertThat(org.balance()).isEqualTo(10L);

        String contactId = directory.existing(org.organizationId, PhoneNumber.of(contact)).orElseThrow();
        assertThat(eventually(() -> jdbc.queryForList("""
                SELECT status, expired_at FROM messages WHERE contact_id = ?::uuid AND direction = 'outbound'
                AND status = 'expired'""", contactId))).containsKey("expired_at");
        assertThat((java.math.BigDecimal) eventually(() -> jdbc.queryForList("""
                SELECT value FROM daily_rollups WHERE organization_id = ? AND metric = 'replies.expired'
                AND dimension = 'window_closed'""", org.organizationId)).get("value"))
                .isEqualByComparingTo("1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = 'ReplyExpired' "
                + "AND payload->>'contactId' = ?", Long.class, contactId)).isEqualTo(1);
    }

    @Test
    void aMessageDeliveredAfterItsWindowGetsNoFreeFormReplyAndTheConversationShowsTheWindow() {
        Conversations org = new Conversations(admin, 10);
        String contact = phone();
        Instant wrote = Instant.now().minus(Duration.ofHours(25)).truncatedTo(ChronoUnit.SECONDS);
        says(org, contact, "hello", wrote);

        eventually(() -> jdbc.queryForList(
                "SELECT 1 FROM outbound_replies WHERE contact_phone = ? AND status = 'expired'", contact));
        sleep(300);
        assertThat(GRAPH.sentTo(contact)).isEmpty();
        assertThat(org.balance()).isEqualTo(10L);

        String contactId = directory.existing(org.organizationId, PhoneNumber.of(contact)).orElseThrow();
        JsonNode sessions = org.admin.get(org.path("/contacts/" + contactId + "/conversations")).body();
        assertThat(Instant.parse(sessions.path("items").get(0).path("windowClosesAt").asText()))
                .isEqualTo(wrote.plus(Duration.ofHours(24)));
    }

    @Test
    void whatsApps131047IsRecordedAsWindowClosedAndRefunded() {
        Conversations org = new Conversations(admin, 10);
        String contact = phone();
        GRAPH.failFor(contact.substring(1), 400, 131047, "Re-engagement message");

        org.says(contact, "hi");
        Map<String, Object> expired = eventually(() -> jdbc.queryForList("""
                SELECT status, error_code, tokens_charged FROM outbound_replies
                WHERE contact_phone = ? AND status = 'expired'""", contact));
        assertThat(expired).containsEntry("error_code", 131047).containsEntry("tokens_charged", 1L);
        assertThat(eventuallyEquals(org::balance, 10L)).isEqualTo(10L);
        String contactId = directory.existing(org.organizationId, PhoneNumber.of(contact)).orElseThrow();
        assertThat(eventually(() -> jdbc.queryForList("""
                SELECT status FROM messages WHERE contact_id = ?::uuid AND direction = 'outbound'
                AND status = 'expired'""", contactId))).containsEntry("status", "expired");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = 'ReplyFailed' "
                + "AND payload->>'contactId' = ?", Long.class, contactId)).isZero();
    }
}
