package com.chatnation.crm.application.conversations.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Envelope errors and the quirks the published payloads do not all show. */
class WebhookPayloadParserTest {

    private final WebhookPayloadParser parser = new WebhookPayloadParser();

    // ---- malformed bodies ----------------------------------------------------------------------------------

    @Test
    void rejects_an_empty_body() {
        assertThatThrownBy(() -> parser.parse(new byte[0]))
                .isInstanceOf(MalformedWebhookException.class).hasMessage("webhook body is empty");
        assertThatThrownBy(() -> parser.parse(null))
                .isInstanceOf(MalformedWebhookException.class).hasMessage("webhook body is empty");
        assertThatThrownBy(() -> parse("  \n "))
                .isInstanceOf(MalformedWebhookException.class).hasMessage("webhook body is empty");
    }

    @Test
    void rejects_a_body_that_is_not_json() {
        assertThatThrownBy(() -> parse("object=whatsapp_business_account"))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageStartingWith("webhook body is not valid JSON: ")
                .hasMessageContaining("Unrecognized token 'object'");
        assertThatThrownBy(() -> parse("{\"object\":\"whatsapp_business_account\",\"entry\":[}"))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageStartingWith("webhook body is not valid JSON: ");
    }

    @Test
    void rejects_trailing_content_after_the_object() {
        // the published status_read_minimal.json once ended with a stray '{'
        assertThatThrownBy(() -> parse("{\"object\":\"whatsapp_business_account\",\"entry\":[]}{"))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageStartingWith("webhook body is not valid JSON: ");
    }

    @Test
    void quarantines_json_that_is_not_an_object() {
        assertThat(parse("[{\"object\":\"whatsapp_business_account\"}]").quarantined()).singleElement()
                .satisfies(item -> {
                    assertThat(item.kind()).isEqualTo("delivery");
                    assertThat(item.reason()).isEqualTo("not_a_notification");
                    assertThat(item.detail()).isEqualTo("webhook body must be a JSON object, was array");
                    assertThat(new String(item.raw(), StandardCharsets.UTF_8))
                            .isEqualTo("[{\"object\":\"whatsapp_business_account\"}]");
                });
        assertThat(parse("\"whatsapp_business_account\"").quarantined()).singleElement()
                .satisfies(item -> assertThat(item.detail()).isEqualTo("webhook body must be a JSON object, was string"));
    }

    @Test
    void quarantines_another_object_or_none() {
        assertThat(parse("{\"object\":\"page\",\"entry\":[]}").quarantined()).singleElement()
                .satisfies(item -> assertThat(item.detail())
                        .isEqualTo("webhook 'object' must be 'whatsapp_business_account', was \"page\""));
        assertThat(parse("{\"object\":42}").quarantineReasons()).containsExactly("not_a_notification");
        WebhookNotification none = parse("{\"entry\":[]}");
        assertThat(none.quarantined()).singleElement().satisfies(item -> assertThat(item.detail())
                .isEqualTo("webhook 'object' must be 'whatsapp_business_account', was missing"));
        assertThat(none.changes()).isEmpty();
    }

    @Test
    void accepts_an_envelope_without_entries() {
        WebhookNotification notification = parse("{\"object\":\"whatsapp_business_account\"}");
        assertThat(notification.changes()).isEmpty();
        assertThat(notification.ignoredChanges()).isEmpty();
        WebhookNotification oddEntry = parse("{\"object\":\"whatsapp_business_account\",\"entry\":{\"id\":\"1\"}}");
        assertThat(oddEntry.items()).isEmpty();
    }

    // ---- envelope leniency ---------------------------------------------------------------------------------

    @Test
    void keeps_changes_of_other_fields_as_ignored() {
        WebhookNotification notification = parse("""
                {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[
                  {"field":"account_update","value":{"event":"VERIFIED_ACCOUNT"}},
                  {"field":"messages","value":{"metadata":{"phone_number_id":"PN"},
                    "messages":[{"from":"254712345678","id":"wamid.1","timestamp":"1","type":"text","text":{"body":"hi"}}]}}
                ]}]}""");
        assertThat(notification.ignoredChanges())
                .containsExactly(new IgnoredChange("WABA", "account_update"));
        assertThat(notification.messages()).singleElement()
                .extracting(InboundMessage::content).isEqualTo(new MessageContent.Text("hi"));
    }

    @Test
    void reads_template_status_and_category_changes_by_account() {
        WebhookNotification notification = parse("""
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","time":1700000000,"changes":[
                  {"field":"message_template_status_update","value":{"event":"REJECTED","message_template_id":594425479261596,
                    "message_template_name":"ticket_reminder","message_template_language":"en_US","reason":"INVALID_FORMAT"}},
                  {"field":"template_category_update","value":{"message_template_id":594425479261596,
                    "message_template_name":"ticket_reminder","message_template_language":"en_US",
                    "previous_category":"UTILITY","new_category":"MARKETING"}}
                ]}]}""");
        assertThat(notification.templateUpdates()).containsExactly(
                new TemplateUpdate("102290129340398", "message_template_status_update", "REJECTED", "594425479261596",
                        "ticket_reminder", "en_US", "INVALID_FORMAT", null, null),
                new TemplateUpdate("102290129340398", "template_category_update", null, "594425479261596",
                        "ticket_reminder", "en_US", null, "MARKETING", "UTILITY"));
        assertThat(notification.ignoredChanges()).isEmpty();
        assertThat(notification.items()).isEmpty();
    }

    @Test
    void quarantines_a_template_change_that_names_no_account_or_template() {
        WebhookNotification notification = parse("""
                {"object":"whatsapp_business_account","entry":[
                  {"id":"WABA","changes":[{"field":"message_template_status_update","value":{"event":"APPROVED",
                    "message_template_name":"t","message_template_language":"en"}}]},
                  {"id":"1","changes":[{"field":"message_template_status_update","value":{"event":"APPROVED",
                    "message_template_language":"en"}}]},
                  {"id":"1","changes":[{"field":"template_category_update","value":{"new_category":"MARKETING",
                    "message_template_name":"t"}}]}
                ]}""");
        assertThat(notification.templateUpdates()).isEmpty();
        assertThat(notification.quarantineReasons()).containsExactly("invalid_template_update",
                "invalid_template_update", "invalid_template_update");
    }

    @Test
    void a_change_without_field_is_a_messages_change_when_its_value_has_messages() {
        WebhookNotification notification = parse("""
                {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[
                  {"value":{"metadata":{"phone_number_id":"PN"},
                    "statuses":[{"id":"wamid.9","status":"deleted","timestamp":"5","recipient_id":"254712345678"}]}},
                  {"value":{"event":"FLAGGED"}}
                ]}]}""");
        assertThat(notification.statuses()).singleElement()
                .extracting(StatusUpdate::status).isEqualTo("deleted");
        assertThat(notification.ignoredChanges()).containsExactly(new IgnoredChange("WABA", null));
    }

    @Test
    void reads_several_entries_in_order_and_ignores_unknown_fields() {
        WebhookNotification notification = parse("""
                {"object":"whatsapp_business_account","brand_new":{"x":1},"entry":[
                  {"id":"A","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"PN1"},"extra":[1],
                    "messages":[{"from":"254700000001","id":"wamid.a","timestamp":"1","type":"text","text":{"body":"a"},"new_thing":true}]}}]},
                  {"id":"B","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"PN2"},
                    "messages":[{"from":"254700000002","id":"wamid.b","timestamp":"2","type":"text","text":{"body":"b"}}]}}]}
                ]}""");
        assertThat(notification.changes()).extracting(WebhookChange::entryId).containsExactly("A", "B");
        assertThat(notification.messages()).extracting(WebhookPayloadParser::orderingKey)
                .containsExactly("PN1:254700000001", "PN2:254700000002");
    }

    // ---- timestamps ----------------------------------------------------------------------------------------

    @Test
    void reads_integer_and_string_timestamps_as_epoch_seconds() {
        WebhookNotification notification = parse(messages("""
                {"from":"254712345678","id":"wamid.1","timestamp":1700000000,"type":"text","text":{"body":"a"}},
                {"from":"254712345678","id":"wamid.2","timestamp":"1700000001","type":"text","text":{"body":"b"}},
                {"from":"254712345678","id":"wamid.3","timestamp":"yesterday","type":"text","text":{"body":"c"}},
                {"from":"254712345678","id":"wamid.4","type":"text","text":{"body":"d"}}
                """));
        assertThat(notification.messages()).extracting(InboundMessage::sentAt).containsExactly(
                Instant.ofEpochSecond(1700000000L), Instant.ofEpochSecond(1700000001L), null, null);
    }

    @Test
    void reads_status_fields_with_integer_timestamps_and_callback_data() {
        WebhookNotification notification = parse(statuses("""
                {"id":"wamid.s","status":"delivered","timestamp":1700000000,"recipient_id":"254712345678",
                 "biz_opaque_callback_data":"order-17",
                 "conversation":{"id":"c1","expiration_timestamp":1700086400,"origin":{"type":"utility"}},
                 "pricing":{"billable":false,"pricing_model":"PMP","category":"utility","type":"free_customer_service"}}
                """));
        StatusUpdate status = notification.statuses().get(0);
        assertThat(status.at()).isEqualTo(Instant.ofEpochSecond(1700000000L));
        assertThat(status.bizOpaqueCallbackData()).isEqualTo("order-17");
        assertThat(status.conversation())
                .isEqualTo(new StatusUpdate.ConversationInfo("c1", "utility", Instant.ofEpochSecond(1700086400L)));
        assertThat(status.pricing())
                .isEqualTo(new StatusUpdate.Pricing(false, "PMP", "utility", "free_customer_service"));
    }

    // ---- message types -------------------------------------------------------------------------------------

    @Test
    void infers_the_type_of_a_message_without_type_from_its_content() {
        WebhookNotification notification = parse(messages("""
                {"from":"254712345678","id":"wamid.1","timestamp":"1","image":{"id":"m1","mime_type":"image/png","caption":"look"}},
                {"from":"254712345678","id":"wamid.2","timestamp":"1"}
                """));
        assertThat(notification.messages()).extracting(InboundMessage::rawType).containsExactly(null, null);
        assertThat(notification.messages()).extracting(InboundMessage::content).containsExactly(
                new MessageContent.Media("image", "m1", "image/png", "look", null, false, false),
                new MessageContent.Unsupported(null, null, null));
    }

    @Test
    void unknown_types_become_unsupported_with_the_first_error() {
        WebhookNotification notification = parse(messages("""
                {"from":"254712345678","id":"wamid.1","timestamp":"1","type":"ephemeral",
                 "errors":[{"code":131051,"title":"Message type unknown"},{"code":1,"title":"other"}]},
                {"from":"254712345678","id":"wamid.2","timestamp":"1","type":"request_welcome"},
                {"from":"254712345678","id":"wamid.3","timestamp":"1","type":"unsupported",
                 "unsupported":{"type":"edit"},"errors":[{"code":131051,"title":"Message type unknown"}]}
                """));
        assertThat(notification.messages()).extracting(InboundMessage::content).containsExactly(
                new MessageContent.Unsupported("ephemeral", 131051, "Message type unknown"),
                new MessageContent.Unsupported("request_welcome", null, null),
                new MessageContent.Unsupported("edit", 131051, "Message type unknown"));
    }

    @Test
    void a_flow_response_is_unsupported_and_an_unknown_interactive_kind_too() {
        WebhookNotification notification = parse(messages("""
                {"from":"254712345678","id":"wamid.1","timestamp":"1","type":"interactive",
                 "interactive":{"type":"nfm_reply","nfm_reply":{"name":"flow","body":"Sent","response_json":"{\\"a\\":1}"}}},
                {"from":"254712345678","id":"wamid.2","timestamp":"1","type":"interactive",
                 "interactive":{"type":"call_permission_reply","call_permission_reply":{"response":"accept"}}},
                {"from":"254712345678","id":"wamid.3","timestamp":"1","type":"interactive",
                 "interactive":{"list_reply":{"id":"row-2","title":"Two","description":"the second"}}}
                """));
        assertThat(notification.messages()).extracting(InboundMessage::content).containsExactly(
                new MessageContent.Unsupported("nfm_reply", null, null),
                new MessageContent.Unsupported("call_permission_reply", null, null),
                new MessageContent.ListReply("row-2", "Two", "the second"));
    }

    @Test
    void a_reaction_without_emoji_is_a_removed_reaction() {
        WebhookNotification notification = parse(messages("""
                {"from":"254712345678","id":"wamid.1","timestamp":"1","type":"reaction","reaction":{"message_id":"wamid.0"}}
                """));
        assertThat(notification.messages().get(0).content()).isEqualTo(new MessageContent.Reaction("wamid.0", ""));
    }

    @Test
    void reads_location_details_and_string_prices() {
        WebhookNotification notification = parse(messages("""
                {"from":"254712345678","id":"wamid.1","timestamp":"1","type":"location",
                 "location":{"latitude":-1.2921,"longitude":"36.8219","name":"Office","address":"Nairobi","url":"https://x.example"}},
                {"from":"254712345678","id":"wamid.2","timestamp":"1","type":"order",
                 "order":{"catalog_id":"c","text":"asap","product_items":[{"product_retailer_id":"p","quantity":"2","item_price":"9.99","currency":"KES"}]}}
                """));
        var location = (MessageContent.Location) notification.messages().get(0).content();
        assertThat(location.latitude().toPlainString()).isEqualTo("-1.2921");
        assertThat(location.longitude().toPlainString()).isEqualTo("36.8219");
        assertThat(location.name()).isEqualTo("Office");
        assertThat(location.address()).isEqualTo("Nairobi");
        assertThat(location.url()).isEqualTo("https://x.example");
        var order = (MessageContent.Order) notification.messages().get(1).content();
        assertThat(order.items()).containsExactly(
                new MessageContent.Order.Item("p", 2, new java.math.BigDecimal("9.99"), "KES"));
    }

    // ---- contacts and context ------------------------------------------------------------------------------

    @Test
    void picks_the_profile_name_of_the_contact_with_the_same_wa_id() {
        WebhookNotification notification = parse("""
                {"object":"whatsapp_business_account","entry":[{"id":"W","changes":[{"field":"messages","value":{
                  "metadata":{"phone_number_id":"PN"},
                  "contacts":[{"profile":{"name":"Amina"},"wa_id":"254700000001"},{"profile":{"name":"Brian"},"wa_id":"254700000002"}],
                  "messages":[
                    {"from":"254700000002","id":"wamid.b","timestamp":"1","type":"text","text":{"body":"b"}},
                    {"from":"254700000001","id":"wamid.a","timestamp":"1","type":"text","text":{"body":"a"}},
                    {"from":"254700000003","id":"wamid.c","timestamp":"1","type":"text","text":{"body":"c"}}]}}]}]}""");
        assertThat(notification.messages()).extracting(InboundMessage::profileName)
                .containsExactly("Brian", "Amina", null);
    }

    @Test
    void a_contact_known_only_by_user_id_and_username_still_yields_the_message() {
        WebhookNotification notification = parse("""
                {"object":"whatsapp_business_account","entry":[{"id":"W","changes":[{"field":"messages","value":{
                  "metadata":{"phone_number_id":"PN"},
                  "contacts":[{"profile":{"name":"Zawadi","username":"@zawadi"},"user_id":"KE.123"}],
                  "messages":[{"from_user_id":"KE.123","id":"wamid.u","timestamp":"1","type":"text","text":{"body":"hello"}}]}}]}]}""");
        InboundMessage message = notification.messages().get(0);
        assertThat(message.from()).isNull();
        assertThat(message.profileName()).isEqualTo("Zawadi");
        assertThat(message.sender()).isEqualTo(new InboundMessage.Sender(null, "KE.123", "@zawadi"));
        assertThat(WebhookPayloadParser.orderingKey(message)).isEqualTo("PN:KE.123");
    }

    @Test
    void frequently_forwarded_counts_as_forwarded_and_a_referral_merges_with_a_referred_product() {
        WebhookNotification notification = parse(messages("""
                {"from":"+254712345678","id":"wamid.1","timestamp":"1","type":"text","text":{"body":"x"},
                 "context":{"frequently_forwarded":true}},
                {"from":"254712345678","id":"wamid.2","timestamp":"1","type":"text","text":{"body":"y"},
                 "context":{"id":"wamid.0","referred_product":{"catalog_id":"c","product_retailer_id":"SKU"}},
                 "referral":{"source_type":"post","source_id":"s","ctwa_clid":"clid"}}
                """));
        InboundMessage first = notification.messages().get(0);
        assertThat(first.from()).isEqualTo(new PhoneNumber("+254712345678"));
        assertThat(first.context()).isEqualTo(new MessageContext(null, true, null));
        assertThat(notification.messages().get(1).context()).isEqualTo(new MessageContext("wamid.0", false,
                new MessageContext.Referral(null, "s", "post", null, null, "clid", "SKU")));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private WebhookNotification parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String messages(String messagesJson) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"W","changes":[{"field":"messages","value":{
                  "metadata":{"phone_number_id":"PN","display_phone_number":"254700000000"},
                  "messages":[%s]}}]}]}""".formatted(messagesJson);
    }

    private static String statuses(String statusesJson) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"W","changes":[{"field":"messages","value":{
                  "metadata":{"phone_number_id":"PN"},"statuses":[%s]}}]}]}""".formatted(statusesJson);
    }
}
