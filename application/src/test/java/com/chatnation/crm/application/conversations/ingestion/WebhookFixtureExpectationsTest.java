package com.chatnation.crm.application.conversations.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One test per shared payload, named after its file: the kind of item it yields, the content variant and the
 * fields that matter downstream.
 */
class WebhookFixtureExpectationsTest {

    private final WebhookPayloadParser parser = new WebhookPayloadParser();

    @Test
    void every_shared_payload_has_its_own_expectation_test() {
        Set<String> tests = Arrays.stream(getClass().getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(Test.class)).map(Method::getName)
                .collect(Collectors.toSet());
        List<String> missing = WebhookFixtures.all().stream()
                .map(path -> path.getFileName().toString().replace(".json", ""))
                .filter(name -> !tests.contains(name)).toList();
        assertThat(missing).as("payloads without an expectation test").isEmpty();
    }

    // ---- text ----------------------------------------------------------------------------------------------

    @Test
    void text_basic() {
        WebhookNotification notification = parse("text_basic.json");
        WebhookChange change = notification.changes().get(0);
        assertThat(change.entryId()).isEqualTo("102290129340398");
        assertThat(change.phoneNumberId()).isEqualTo("106540352242922");
        assertThat(change.displayPhoneNumber()).isEqualTo("15550783881");

        InboundMessage message = onlyMessage(notification);
        assertThat(message.phoneNumberId()).isEqualTo("106540352242922");
        assertThat(message.from()).isEqualTo(new PhoneNumber("+16505551234"));
        assertThat(message.profileName()).isEqualTo("Sheena Nelson");
        assertThat(message.messageId())
                .isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
        assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1749416383L));
        assertThat(message.rawType()).isEqualTo("text");
        assertThat(message.content()).isEqualTo(new MessageContent.Text("Does it come in another color?"));
        assertThat(message.context()).isEqualTo(MessageContext.NONE);
        assertThat(WebhookPayloadParser.orderingKey(message)).isEqualTo("106540352242922:16505551234");
    }

    @Test
    void text_bsuid_username() {
        InboundMessage message = onlyMessage(parse("text_bsuid_username.json"));
        assertThat(message.phoneNumberId()).isEqualTo("123456123");
        assertThat(message.from()).isEqualTo(new PhoneNumber("+16315551181"));
        assertThat(message.profileName()).isEqualTo("test user name");
        assertThat(message.sender()).isEqualTo(
                new InboundMessage.Sender("16315551181", "US.13491208655302741918", "@testusername"));
        assertThat(message.messageId()).isEqualTo("ABGGFlA5Fpa");
        assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1504902988L));
        assertThat(message.content()).isEqualTo(new MessageContent.Text("this is a text message"));
    }

    @Test
    void text_reply_context() {
        InboundMessage message = onlyMessage(parse("text_reply_context.json"));
        assertThat(message.content()).isEqualTo(new MessageContent.Text("replied text"));
        assertThat(message.context()).isEqualTo(new MessageContext("wamid.xyzxyz==", false, null));
        assertThat(message.profileName()).isEqualTo("Test Name");
        assertThat(message.from()).isEqualTo(new PhoneNumber("+972987654321"));
    }

    @Test
    void text_product_enquiry_referred_product() {
        WebhookNotification notification = parse("text_product_enquiry_referred_product.json");
        assertThat(notification.changes()).singleElement()
                .extracting(WebhookChange::phoneNumberId).isEqualTo("678678678");
        InboundMessage message = onlyMessage(notification);
        assertThat(message.messageId()).isEqualTo("wamid.PRODINQ001");
        assertThat(message.content()).isEqualTo(new MessageContent.Text("Interested in your product!"));
        assertThat(message.context().repliedToMessageId()).isEqualTo("wamid.IDCONTEXT1");
        assertThat(message.context().forwarded()).isFalse();
        assertThat(message.context().referral())
                .isEqualTo(new MessageContext.Referral(null, null, null, null, null, null, "SKU-1234"));
        assertThat(message.profileName()).isEqualTo("ProductUser");
    }

    // ---- interactive and template replies ------------------------------------------------------------------

    @Test
    void interactive_button_reply() {
        InboundMessage message = onlyMessage(parse("interactive_button_reply.json"));
        assertThat(message.rawType()).isEqualTo("interactive");
        assertThat(message.content()).isEqualTo(new MessageContent.ButtonReply("callback_data", "title"));
        assertThat(message.context().repliedToMessageId()).isEqualTo("wamid.xyzxyz");
        assertThat(message.sender().userId()).isEqualTo("US.13491208655302741918");
        assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1698266730L));
    }

    @Test
    void interactive_list_reply() {
        InboundMessage message = onlyMessage(parse("interactive_list_reply.json"));
        assertThat(message.messageId()).isEqualTo("wamid.zyzxyz");
        assertThat(message.content()).isEqualTo(new MessageContent.ListReply("callback_data", "title", null));
        assertThat(message.content().readableText()).isEqualTo("title");
        assertThat(message.context().repliedToMessageId()).isEqualTo("wamid.xyzxyz");
    }

    @Test
    void button_quick_reply_template() {
        InboundMessage message = onlyMessage(parse("button_quick_reply_template.json"));
        assertThat(message.rawType()).isEqualTo("button");
        assertThat(message.content()).isEqualTo(new MessageContent.TemplateButton("SIM", "SIM"));
        assertThat(message.context().repliedToMessageId())
                .isEqualTo("wamid.nBgN6TUyN2k5NzAzM5kzNhUCABI8FDNFQjAxQkE5REI4NEUzQ5Y5QTNgAA==");
        assertThat(message.from()).isEqualTo(new PhoneNumber("+1111111111111"));
        assertThat(message.profileName()).isEqualTo("Mauricio Binda");
    }

    // ---- media ---------------------------------------------------------------------------------------------

    @Test
    void image_basic() {
        InboundMessage message = onlyMessage(parse("image_basic.json"));
        assertThat(message.content()).isEqualTo(
                new MessageContent.Media("image", "8472976218001204", "image/jpeg", null, null, false, false));
        assertThat(message.phoneNumberId()).isEqualTo("409552778964973");
    }

    @Test
    void audio_voice() {
        InboundMessage message = onlyMessage(parse("audio_voice.json"));
        assertThat(message.content()).isEqualTo(new MessageContent.Media("audio", "827776106019109",
                "audio/ogg; codecs=opus", null, null, true, false));
        assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1673033070L));
    }

    @Test
    void video_forwarded_caption() {
        InboundMessage message = onlyMessage(parse("video_forwarded_caption.json"));
        assertThat(message.content()).isEqualTo(
                new MessageContent.Media("video", "765756756", "video/mp4", "caption", null, false, false));
        assertThat(message.content().readableText()).isEqualTo("caption");
        assertThat(message.context()).isEqualTo(new MessageContext(null, true, null));
    }

    @Test
    void document_pdf() {
        InboundMessage message = onlyMessage(parse("document_pdf.json"));
        assertThat(message.content()).isEqualTo(new MessageContent.Media("document", "848704520347750",
                "application/pdf", null, "4_641947.pdf", false, false));
    }

    @Test
    void sticker_animated() {
        InboundMessage message = onlyMessage(parse("sticker_animated.json"));
        assertThat(message.content()).isEqualTo(new MessageContent.Media("sticker", "1234567890987654321",
                "image/webp", null, null, false, true));
    }

    // ---- location, contacts, reactions, orders, system -----------------------------------------------------

    @Test
    void location_current() {
        InboundMessage message = onlyMessage(parse("location_current.json"));
        assertThat(message.content()).isInstanceOf(MessageContent.Location.class);
        var location = (MessageContent.Location) message.content();
        assertThat(location.latitude()).isEqualByComparingTo(new BigDecimal("12.25089"));
        assertThat(location.longitude()).isEqualByComparingTo(new BigDecimal("43.90539"));
        assertThat(location.latitude().toPlainString()).isEqualTo("12.25089");
        assertThat(location.name()).isNull();
        assertThat(location.address()).isNull();
        assertThat(message.context().forwarded()).isTrue();
    }

    @Test
    void contacts_multiple_cards() {
        InboundMessage message = onlyMessage(parse("contacts_multiple_cards.json"));
        assertThat(message.content()).isInstanceOf(MessageContent.SharedContacts.class);
        assertThat(((MessageContent.SharedContacts) message.content()).cards()).containsExactly(
                new MessageContent.SharedContacts.Card("Chandler Bing", List.of("+1 555-555-5555")),
                new MessageContent.SharedContacts.Card("Monica", List.of("+1 666-666-6666")),
                new MessageContent.SharedContacts.Card("Rachel Green", List.of("+1 777-777-7777")));
    }

    @Test
    void reaction_emoji() {
        InboundMessage message = onlyMessage(parse("reaction_emoji.json"));
        assertThat(message.content()).isEqualTo(new MessageContent.Reaction("wamid.yzxyzx=", "\uD83D\uDE2E"));
    }

    @Test
    void reaction_removed_empty_emoji() {
        InboundMessage message = onlyMessage(parse("reaction_removed_empty_emoji.json"));
        assertThat(message.content()).isEqualTo(new MessageContent.Reaction("wamid.yzxyzx=", ""));
    }

    @Test
    void order_three_items() {
        InboundMessage message = onlyMessage(parse("order_three_items.json"));
        assertThat(message.content()).isInstanceOf(MessageContent.Order.class);
        var order = (MessageContent.Order) message.content();
        assertThat(order.catalogId()).isEqualTo("354160437058781");
        assertThat(order.text()).isEmpty();
        assertThat(order.items())
                .extracting(MessageContent.Order.Item::productRetailerId, MessageContent.Order.Item::quantity,
                        item -> item.itemPrice().intValueExact(), MessageContent.Order.Item::currency)
                .containsExactly(tuple("HAMBURGER", 3, 30, "ILS"), tuple("FRENCH_FRIES", 2, 35, "ILS"),
                        tuple("SODA", 2, 10, "ILS"));
    }

    @Test
    void system_user_changed_number() {
        InboundMessage message = onlyMessage(parse("system_user_changed_number.json"));
        assertThat(message.content()).isEqualTo(new MessageContent.SystemNotice("user_changed_number",
                "User Sheena Nelson changed from 16505551234 to 12195555358", "12195555358"));
        // no contacts array in a system message: no profile name, the sender is the old number
        assertThat(message.profileName()).isNull();
        assertThat(message.from()).isEqualTo(new PhoneNumber("+16505551234"));
        assertThat(WebhookPayloadParser.orderingKey(message)).isEqualTo("106540352242922:16505551234");
    }

    @Test
    void unsupported_131051() {
        InboundMessage message = onlyMessage(parse("unsupported_131051.json"));
        assertThat(message.rawType()).isEqualTo("unsupported");
        assertThat(message.content())
                .isEqualTo(new MessageContent.Unsupported("unsupported", 131051, "Message type unknown"));
    }

    @Test
    void referral_ctwa_ad() {
        InboundMessage message = onlyMessage(parse("referral_ctwa_ad.json"));
        assertThat(message.content()).isEqualTo(new MessageContent.Text("Is this still available?"));
        assertThat(message.context().repliedToMessageId()).isNull();
        assertThat(message.context().referral()).isEqualTo(new MessageContext.Referral("https://fb.me/2Ax9kLm",
                "120210000000000000", "ad", "Autumn sale, 30% off", "Message us to reserve yours.",
                "ARAxYzc1YzExMS0yNTIyLTQ4ZmEtYmM3Ng", null));
    }

    // ---- statuses ------------------------------------------------------------------------------------------

    @Test
    void status_sent_service_cbp() {
        StatusUpdate status = onlyStatus(parse("status_sent_service_cbp.json"));
        assertThat(status.phoneNumberId()).isEqualTo("1122334455667");
        assertThat(status.messageId()).isEqualTo("wamid.xyzxyz");
        assertThat(status.recipientId()).isEqualTo("972987654321");
        assertThat(status.status()).isEqualTo("sent");
        assertThat(status.at()).isEqualTo(Instant.ofEpochSecond(1698266945L));
        assertThat(status.errors()).isEmpty();
        assertThat(status.pricing()).isEqualTo(new StatusUpdate.Pricing(true, "CBP", "service", null));
        assertThat(status.conversation()).isEqualTo(new StatusUpdate.ConversationInfo(
                "7270432eae37498234f4444b35ffc5", "service", Instant.ofEpochSecond(1698339900L)));
        assertThat(WebhookPayloadParser.orderingKey(status)).isEqualTo("1122334455667:972987654321");
    }

    @Test
    void status_delivered_business_initiated() {
        StatusUpdate status = onlyStatus(parse("status_delivered_business_initiated.json"));
        assertThat(status.status()).isEqualTo("delivered");
        assertThat(status.recipientId()).isEqualTo("1111111111111");
        assertThat(status.pricing()).isEqualTo(new StatusUpdate.Pricing(true, "CBP", "business_initiated", null));
        assertThat(status.conversation()).isEqualTo(new StatusUpdate.ConversationInfo(
                "8eb644d2350611f3746e7f0985bddfc1", "business_initiated", null));
    }

    @Test
    void status_read_minimal() {
        StatusUpdate status = onlyStatus(parse("status_read_minimal.json"));
        assertThat(status.status()).isEqualTo("read");
        assertThat(status.messageId())
                .isEqualTo("wamid.nBgN6TUyN2k5NzAzM5kzNhUCABI8FDNFQjAxQkE5REI4NEUzQ5Y5QTNgAA==");
        assertThat(status.at()).isEqualTo(Instant.ofEpochSecond(1673020317L));
        assertThat(status.pricing()).isNull();
        assertThat(status.conversation()).isNull();
        assertThat(status.errors()).isEmpty();
        assertThat(status.bizOpaqueCallbackData()).isNull();
    }

    @Test
    void status_failed_131047() {
        StatusUpdate status = onlyStatus(parse("status_failed_131047.json"));
        assertThat(status.status()).isEqualTo("failed");
        assertThat(status.recipientId()).isEqualTo("5511111111111");
        assertThat(status.errors()).containsExactly(new StatusUpdate.StatusError(131047, "Re-engagement message",
                "Re-engagement message", "Message failed to send because more than 24 hours have passed since "
                        + "the customer last replied to this number."));
    }

    @Test
    void status_failed_130472_experiment() {
        StatusUpdate status = onlyStatus(parse("status_failed_130472_experiment.json"));
        assertThat(status.status()).isEqualTo("failed");
        assertThat(status.errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo(130472);
            assertThat(error.title()).isEqualTo("User's number is part of an experiment");
            assertThat(error.details()).startsWith("Failed to send message because this user's phone number");
        });
    }

    @Test
    void status_sent_pmp_marketing() {
        StatusUpdate status = onlyStatus(parse("status_sent_pmp_marketing.json"));
        assertThat(status.status()).isEqualTo("sent");
        assertThat(status.recipientId()).isEqualTo("16505551234");
        assertThat(status.pricing()).isEqualTo(new StatusUpdate.Pricing(true, "PMP", "marketing", "regular"));
        assertThat(status.conversation()).isEqualTo(new StatusUpdate.ConversationInfo(
                "72b14d6bd5407799e66f64d1b338e567", "marketing", Instant.ofEpochSecond(1750116480L)));
    }

    // ---- errors and several items in one body --------------------------------------------------------------

    @Test
    void errors_value_level_131000() {
        WebhookNotification notification = parse("errors_value_level_131000.json");
        assertThat(notification.items()).hasSize(2);
        assertThat(notification.errors()).containsExactly(new WebhookError("1122334455667", 131000,
                "Something went wrong", "Something went wrong", "Unsupported webhook payload"));
        // the interactive message came without its interactive body: kept, as Unsupported
        InboundMessage message = onlyMessage(notification);
        assertThat(message.messageId()).isEqualTo("wamid.wegrchytvwcggt=");
        assertThat(message.rawType()).isEqualTo("interactive");
        assertThat(message.content()).isEqualTo(new MessageContent.Unsupported("interactive", null, null));
        assertThat(message.context().repliedToMessageId()).isEqualTo("wamid.gvwegfretge==");
        assertThat(WebhookPayloadParser.orderingKey(notification.errors().get(0))).isEqualTo("1122334455667");
    }

    @Test
    void multi_messages_text_reaction() {
        WebhookNotification notification = parse("multi_messages_text_reaction.json");
        assertThat(notification.changes()).singleElement()
                .extracting(WebhookChange::displayPhoneNumber).isEqualTo("1-555-123-4567");
        assertThat(notification.messages())
                .extracting(InboundMessage::messageId, InboundMessage::content, InboundMessage::profileName)
                .containsExactly(
                        tuple("wamid.GBGX2323902", new MessageContent.Text("Hello from a text message"), "Sam Sample"),
                        tuple("wamid.OMGReaction", new MessageContent.Reaction("wamid.GBGX2323902", "\uD83D\uDC4D"),
                                "Sam Sample"));
        assertThat(notification.messages()).extracting(WebhookPayloadParser::orderingKey)
                .containsOnly("987654321:1234567890");
        assertThat(notification.messages().get(1).sentAt()).isEqualTo(Instant.ofEpochSecond(1680123457L));
    }

    @Test
    void multi_changes_two_text() {
        WebhookNotification notification = parse("multi_changes_two_text.json");
        assertThat(notification.changes()).hasSize(2)
                .allSatisfy(change -> assertThat(change.phoneNumberId()).isEqualTo("PHONE_NUMBER_ID"));
        // "from": "PHONE_NUMBER" is a placeholder, not a WhatsApp id (1 to 20 digits): both messages are quarantined
        assertThat(notification.messages()).isEmpty();
        assertThat(notification.quarantined()).hasSize(2).allSatisfy(item -> {
            assertThat(item.reason()).isEqualTo("invalid_from");
            assertThat(item.phoneNumberId()).isEqualTo("PHONE_NUMBER_ID");
            assertThat(new String(item.raw(), java.nio.charset.StandardCharsets.US_ASCII)).contains("\"from\":\"PHONE_NUMBER\"");
        });
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private WebhookNotification parse(String fileName) {
        return parser.parse(WebhookFixtures.bytes(fileName));
    }

    private static InboundMessage onlyMessage(WebhookNotification notification) {
        assertThat(notification.messages()).hasSize(1);
        assertThat(notification.statuses()).isEmpty();
        return notification.messages().get(0);
    }

    private static StatusUpdate onlyStatus(WebhookNotification notification) {
        assertThat(notification.items()).hasSize(1);
        assertThat(notification.statuses()).hasSize(1);
        return notification.statuses().get(0);
    }
}
