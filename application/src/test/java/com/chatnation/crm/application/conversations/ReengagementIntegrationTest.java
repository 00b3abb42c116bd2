package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.platform.privacy.ContactDirectory;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.WebhookClient;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.conversation.ConversationId;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.ticketing.ReserveTickets;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static com.chatnation.crm.application.conversations.ConversationFlowIntegrationTest.eventually;
import static com.chatnation.crm.application.conversations.ConversationFlowIntegrationTest.eventuallyEquals;
import static com.chatnation.crm.application.conversations.ConversationFlowIntegrationTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ticket codes paid for after the contact's 24-hour window has closed go out as the organization's approved
 * {@code ticket_issued} template, when it has one that fits; against real PostgreSQL and the Graph API stand-in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReengagementIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the organization pays for a utility template; a ticket notification sent free-form costs 1. */
    private static final int UTILITY_PRICE = 3;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    InboundMessageService inbound;
    @Autowired
    ContactDirectory directory;
    @Autowired
    CommandGateway commands;

    private AdminClient admin;
    private Conversations org;
    private String account;

    @BeforeEach
    void client() {
        admin = new AdminClient("http://localhost:" + port);
    }

    /** An organization paying {@value #UTILITY_PRICE} for a utility template, with its WhatsApp Business Account. */
    private void onboard(long tokens) {
        org = new Conversations(admin, tokens, List.of(
                Map.of("module", "templates", "action", "utility", "tokens", UTILITY_PRICE)));
        account = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        AdminClient.Response named = org.admin.put(org.path("/settings/whatsapp-account"),
                Map.of("whatsAppBusinessAccountId", account));
        assertThat(named.status()).as(named.toString()).isEqualTo(200);
    }

    private static String phone() {
        return "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    @Test
    void ticketCodesPaidForAfterTheWindowGoOutAsTheApprovedTemplateAtItsPrice() throws Exception {
        onboard(20);
        approve(template("en_US", "Thank you for your purchase. {{1}} We look forward to seeing you."));
        approve(template("sw", "Asante kwa ununuzi wako. {{1}} Karibu sana."));
        String contact = phone();
        String reservationId = reservedAfterTheWindow(contact);
        long before = org.balance();

        List<String> codes = pay(reservationId);

        GraphApiStandIn.Sent sent = GRAPH.awaitSentTo(contact, 1).get(0);
        assertThat(sent.phoneNumberId()).isEqualTo(org.phoneNumberId);
        String text = "Payment received, thank you! Your tickets for *TechExpo*: " + String.join(", ", codes)
                + ". Show a code at the entrance.";
        assertThat(sent.body()).isEqualTo(JSON.readTree("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s","type":"template",
                 "template":{"name":"ticket_issued","language":{"code":"en_US"},"components":[
                  {"type":"body","parameters":[{"type":"text","text":"%s"}]}]}}"""
                .formatted(contact.substring(1), text)));

        Map<String, Object> reply = eventually(() -> jdbc.queryForList("""
                SELECT reply_id, whatsapp_message_id, tokens_charged FROM outbound_replies
                WHERE contact_phone = ? AND action = 'ticket_issued' AND status = 'sent'""", contact));
        assertThat(reply).containsEntry("tokens_charged", (long) UTILITY_PRICE);
        assertThat(eventuallyEquals(org::balance, before - UTILITY_PRICE)).as("charged at templates/utility")
                .isEqualTo(before - UTILITY_PRICE);
        String replyId = (String) reply.get("reply_id");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = 'TokenDebited' "
                + "AND payload->>'referenceId' = ?", Long.class, replyId)).as("once, under the reply's id").isEqualTo(1);
        eventually(() -> jdbc.queryForList("SELECT 1 FROM messages WHERE id = ? AND status = 'sent'", replyId));

        String wamid = (String) reply.get("whatsapp_message_id");
        new WebhookClient(port).postSigned(WebhookClient.status(org.phoneNumberId, contact.substring(1), wamid,
                "delivered", null));
        eventually(() -> jdbc.queryForList("SELECT 1 FROM messages WHERE id = ? AND status = 'delivered'", replyId));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = 'ReplyDeliveryUpdated' "
                + "AND payload->>'replyId' = ?", Long.class, replyId)).isEqualTo(1);
    }

    @Test
    void withoutSuchATemplateTicketCodesPaidForAfterTheWindowExpireUncharged() {
        onboard(20);
        String contact = phone();
        String reservationId = reservedAfterTheWindow(contact);
        long before = org.balance();

        pay(reservationId);

        Map<String, Object> expired = eventually(() -> jdbc.queryForList("""
                SELECT tokens_charged, reengage_template FROM outbound_replies
                WHERE contact_phone = ? AND action = 'ticket_issued' AND status = 'expired'""", contact));
        assertThat(expired).containsEntry("tokens_charged", 0L).containsEntry("reengage_template", "ticket_issued");
        sleep(500);
        assertThat(GRAPH.sentTo(contact)).isEmpty();
        assertThat(org.balance()).isEqualTo(before);
    }

    @Test
    void aTemplateNeedingMoreThanTheTicketCodesIsNotSentAndTheCodesExpireUncharged() {
        onboard(20);
        approve(template("en", "Hi {{1}}, your tickets: {{2}} See you there."));
        String contact = phone();
        String reservationId = reservedAfterTheWindow(contact);
        long before = org.balance();

        pay(reservationId);

        eventually(() -> jdbc.queryForList("""
                SELECT 1 FROM outbound_replies
                WHERE contact_phone = ? AND action = 'ticket_issued' AND status = 'expired' AND tokens_charged = 0""",
                contact));
        sleep(500);
        assertThat(GRAPH.sentTo(contact)).isEmpty();
        assertThat(org.balance()).isEqualTo(before);
    }

    @Test
    void aTemplateTheWalletCannotPayForIsHeldAndGoesOutAfterThePurchase() {
        onboard(0);
        approve(template("en", "Thank you for your purchase. {{1}} We look forward to seeing you."));
        String contact = phone();
        String reservationId = reservedAfterTheWindow(contact);

        pay(reservationId);

        eventually(() -> jdbc.queryForList("""
                SELECT 1 FROM outbound_replies WHERE contact_phone = ? AND action = 'ticket_issued' AND status = 'held'""",
                contact));
        sleep(300);
        assertThat(GRAPH.sentTo(contact)).isEmpty();

        org.purchase("top-up", 10);
        assertThat(GRAPH.awaitSentTo(contact, 1).get(0).body().path("template").path("name").asText())
                .isEqualTo("ticket_issued");
        assertThat(eventually(() -> jdbc.queryForList("""
                SELECT tokens_charged FROM outbound_replies
                WHERE contact_phone = ? AND action = 'ticket_issued' AND status = 'sent'""", contact)))
                .containsEntry("tokens_charged", (long) UTILITY_PRICE);
        assertThat(eventuallyEquals(org::balance, 10L - UTILITY_PRICE)).isEqualTo(10L - UTILITY_PRICE);
    }

    /**
     * The contact wrote 25 hours ago (the bot's answer expired unsent); tickets are reserved for them now, as a
     * reservation made just before the window closed and paid for later would be.
     */
    private String reservedAfterTheWindow(String contact) {
        Instant wrote = Instant.now().minus(Duration.ofHours(25)).truncatedTo(ChronoUnit.SECONDS);
        inbound.receive(new IncomingMessage(org.organizationId, PhoneNumber.of(contact), "Jane",
                "wamid.reengage." + UUID.randomUUID(), wrote, new MessageContent.Text("hello"), MessageContext.NONE));
        eventually(() -> jdbc.queryForList(
                "SELECT 1 FROM outbound_replies WHERE contact_phone = ? AND status = 'expired'", contact));
        String contactId = directory.existing(org.organizationId, PhoneNumber.of(contact)).orElseThrow();
        String eventId = org.createEvent("TechExpo", 5);
        String reservationId = UUID.randomUUID().toString();
        commands.sendAndWait(new ReserveTickets(eventId, reservationId, "vip", 2, contactId, contact,
                ConversationId.of(org.organizationId, contactId), Instant.now(), Duration.ofMinutes(15)));
        eventually(() -> jdbc.queryForList(
                "SELECT 1 FROM ticket_catalog_reservations WHERE reservation_id = ? AND status = 'held'", reservationId));
        return reservationId;
    }

    private List<String> pay(String reservationId) {
        AdminClient.Response paid = org.admin.post(org.path("/ticket-reservations/" + reservationId + "/payment"),
                Map.of("paymentReference", "mpesa-" + reservationId, "amountPaid", 10000));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        paid.body().path("ticketCodes").forEach(code -> codes.add(code.asText()));
        assertThat(codes).hasSize(2);
        return codes;
    }

    private Map<String, Object> template(String language, String body) {
        return Map.of("name", "ticket_issued", "language", language, "category", "UTILITY", "body", body,
                "bodyExamples", body.contains("{{2}}")
                        ? List.of(Map.of("name", "1", "example", "Amina"), Map.of("name", "2", "example", "AB12"))
                        : List.of(Map.of("name", "1", "example", "Your tickets for *Expo*: AB12.")));
    }

    /** Submits the template and approves it as Meta's status webhook does. */
    private void approve(Map<String, Object> template) {
        AdminClient.Response created = org.admin.post(org.path("/templates"), template);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("id");
        assertThat(new WebhookClient(port).postSigned("""
                {"object":"whatsapp_business_account","entry":[{"id":"%s","time":%d,"changes":[{"field":
                "message_template_status_update","value":{"event":"APPROVED","message_template_id":%s,
                "message_template_name":"ticket_issued","message_template_language":"%s","reason":"NONE"}}]}]}"""
                .formatted(account, Instant.now().getEpochSecond(), created.text("metaTemplateId"),
                        template.get("language"))).statusCode()).isEqualTo(200);
        eventually(() -> org.admin.get(org.path("/templates/" + id)).body().path("status").asText().equals("APPROVED")
                ? List.of(Map.of("id", id)) : List.of());
    }
}
