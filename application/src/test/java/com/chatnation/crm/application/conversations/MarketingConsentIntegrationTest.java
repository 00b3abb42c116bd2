package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.platform.privacy.ContactDirectory;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.WebhookClient;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static com.chatnation.crm.application.conversations.ConversationFlowIntegrationTest.eventually;
import static com.chatnation.crm.application.conversations.ConversationFlowIntegrationTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

/** Opt-out and opt-in words, Meta's preferences webhook and the organization's own words, end to end. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MarketingConsentIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
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

    private String idOf(Conversations org, String contact) {
        return directory.existing(org.organizationId, PhoneNumber.of(contact)).orElseThrow();
    }

    private Map<String, Object> consent(String contactId, boolean optedIn) {
        return eventually(() -> jdbc.queryForList("""
                SELECT marketing_opt_in, consent_source, consent_changed_at FROM contacts
                WHERE id = ?::uuid AND marketing_opt_in = ?""", contactId, optedIn));
    }

    @Test
    void stopIsConfirmedOptsTheContactOutAndLeavesTheSurveyUnderWayThenStartOptsBackIn() {
        Conversations org = new Conversations(admin, 100);
        org.publishFeedbackSurvey("rate");
        String contact = phone();
        org.says(contact, "rate");
        GRAPH.awaitSentTo(contact, 1);

        org.says(contact, "  Stop ");
        assertThat(GRAPH.awaitSentTo(contact, 2).get(1).text()).startsWith("You won't receive marketing messages");
        String contactId = idOf(org, contact);
        assertThat(consent(contactId, false)).containsEntry("consent_source", "keyword");
        assertThat(eventually(() -> jdbc.queryForList("""
                SELECT a.payload->>'reason' AS reason FROM event_log a JOIN event_log s ON s.aggregate_id = a.aggregate_id
                WHERE a.event_type = 'SurveyResponseAbandoned' AND s.event_type = 'SurveyResponseStarted'
                  AND s.payload->>'contactId' = ?""", contactId))).containsEntry("reason", "cancelled");
        assertThat(eventually(() -> jdbc.queryForList("""
                SELECT current_state FROM conversations WHERE contact_id = ?::uuid AND current_state = 'idle'""",
                contactId))).containsEntry("current_state", "idle");

        JsonNode shown = org.admin.get(org.path("/contacts/" + contactId)).body();
        assertThat(shown.path("marketingOptIn").asBoolean(true)).isFalse();
        assertThat(shown.path("consentSource").asText()).isEqualTo("keyword");

        org.says(contact, "START");
        List<GraphApiStandIn.Sent> replies = GRAPH.awaitSentTo(contact, 4);
        assertThat(replies.get(2).text()).startsWith("You're subscribed to our messages again");
        assertThat(replies.get(3).body().path("interactive").path("type").asText()).isEqualTo("list");
        assertThat(consent(contactId, true)).containsEntry("consent_source", "keyword");
    }

    @Test
    void metasUserPreferencesWebhookOptsOutAndResumes() {
        Conversations org = new Conversations(admin, 100);
        String contact = phone();
        WebhookClient webhook = new WebhookClient(port);
        long now = System.currentTimeMillis() / 1000;

        HttpResponse<String> stop = webhook.postSigned(preferences(org.phoneNumberId, contact, "stop", now - 60));
        assertThat(stop.statusCode()).isEqualTo(200);
        String contactId = eventuallyKnown(org, contact);
        assertThat(consent(contactId, false)).containsEntry("consent_source", "meta_preferences");
        assertThat(GRAPH.sentTo(contact)).isEmpty(); // recorded, not answered

        webhook.postSigned(preferences(org.phoneNumberId, contact, "resume", now));
        assertThat(consent(contactId, true)).containsEntry("consent_source", "meta_preferences");
        // the contact then writes: their stream goes on from the consent it already holds
        org.says(contact, "hi");
        GRAPH.awaitSentTo(contact, 1);
        assertThat(eventually(() -> jdbc.queryForList(
                "SELECT message_count, marketing_opt_in FROM contacts WHERE id = ?::uuid AND message_count = 1",
                contactId))).containsEntry("marketing_opt_in", true);
    }

    @Test
    void theOrganizationsOwnWordsApply() {
        Conversations org = new Conversations(admin, 100);
        AdminClient.Response set = org.admin.put(org.path("/settings/consent-words"),
                Map.of("optOut", List.of(" halt ", "NO MORE"), "optIn", List.of("go")));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body().path("optOut")).extracting(JsonNode::asText).containsExactly("HALT", "NO MORE");
        assertThat(org.admin.get(org.path("/settings/consent-words")).body().path("optIn"))
                .extracting(JsonNode::asText).containsExactly("GO");
        assertThat(org.admin.put(org.path("/settings/consent-words"),
                Map.of("optOut", List.of("STOP"), "optIn", List.of("stop"))).status()).isEqualTo(422);

        String contact = phone();
        org.says(contact, "stop");
        assertThat(GRAPH.awaitSentTo(contact, 1).get(0).text()).startsWith("There is nothing to cancel");
        org.says(contact, "no more!");
        assertThat(GRAPH.awaitSentTo(contact, 2).get(1).text()).startsWith("You won't receive marketing messages");
        assertThat(consent(idOf(org, contact), false)).containsEntry("consent_source", "keyword");
        sleep(100);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = 'ContactOptedOut' "
                + "AND payload->>'contactId' = ?", Long.class, idOf(org, contact))).isEqualTo(1);
    }

    @Test
    void aSendRefusedWith131050RecordsAnOptOutAndIsRefunded() {
        Conversations org = new Conversations(admin, 10);
        String contact = phone();
        GRAPH.failFor(contact.substring(1), 400, 131050, "Unable to deliver message: user stopped marketing messages");

        org.says(contact, "hi");
        assertThat(consent(idOf(org, contact), false)).containsEntry("consent_source", "error_131050");
        assertThat(eventually(() -> jdbc.queryForList("""
                SELECT error_code FROM outbound_replies WHERE contact_phone = ? AND status = 'failed'""", contact)))
                .containsEntry("error_code", 131050);
        assertThat(ConversationFlowIntegrationTest.eventuallyEquals(org::balance, 10L)).isEqualTo(10L);
    }

    private String eventuallyKnown(Conversations org, String contact) {
        for (int i = 0; i < 200; i++) {
            var id = directory.existing(org.organizationId, PhoneNumber.of(contact));
            if (id.isPresent()) {
                return id.get();
            }
            sleep(100);
        }
        throw new AssertionError("the contact never became known");
    }

    private static String preferences(String phoneNumberId, String contact, String value, long at) {
        String waId = contact.substring(1);
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"user_preferences","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Test Contact"},"wa_id":"%s"}],
                "user_preferences":[{"wa_id":"%s","detail":"User requested to stop marketing messages",
                "category":"marketing_messages","value":"%s","timestamp":%d}]}}]}]}"""
                .formatted(phoneNumberId, waId, waId, value, at);
    }
}
