package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.domain.common.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Meta's {@code user_preferences} change: a contact stopping or resuming marketing messages. */
class UserPreferencesParsingTest {

    private final WebhookPayloadParser parser = new WebhookPayloadParser();
    private final InboundItemCodec codec = new InboundItemCodec(new com.fasterxml.jackson.databind.ObjectMapper()
            .findAndRegisterModules());

    private WebhookNotification parse(String preferences) {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"user_preferences",
                "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
                "contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],
                "user_preferences":[%s]}}]}]}""".formatted(preferences);
        return parser.parse(body.getBytes(StandardCharsets.UTF_8), Instant.parse("2026-12-01T12:00:00Z"));
    }

    @Test
    void aMarketingStopIsAnOptOutOfTheContact() {
        WebhookNotification parsed = parse("""
                {"wa_id":"16505551234","detail":"User requested to stop marketing messages",
                 "category":"marketing_messages","value":"stop","timestamp":1764590000}""");
        assertThat(parsed.quarantined()).isEmpty();
        assertThat(parsed.changes()).singleElement().satisfies(change -> {
            assertThat(change.phoneNumberId()).isEqualTo("106540352242922");
            assertThat(change.items()).singleElement().isInstanceOfSatisfying(PreferenceUpdate.class, preference -> {
                assertThat(preference.contact()).isEqualTo(PhoneNumber.of("+16505551234"));
                assertThat(preference.marketingOptIn()).isFalse();
                assertThat(preference.at()).isEqualTo(Instant.ofEpochSecond(1764590000));
                assertThat(WebhookPayloadParser.orderingKey(preference)).isEqualTo("106540352242922:16505551234");
                assertThat(codec.decode(InboundItemCodec.kindOf(preference), codec.encode(preference)))
                        .isEqualTo(preference);
            });
        });
    }

    @Test
    void resumeOptsBackInAndOtherCategoriesOrValuesAreNotActedOn() {
        WebhookNotification parsed = parse("""
                {"wa_id":"16505551234","category":"marketing_messages","value":"resume","timestamp":"1764590000"},
                {"wa_id":"16505551234","category":"marketing_messages","value":"interested"},
                {"wa_id":"16505551234","category":"something_new","value":"stop"}""");
        assertThat(parsed.changes().get(0).items()).extracting(item -> ((PreferenceUpdate) item).marketingOptIn())
                .containsExactly(true, null, null);
    }

    @Test
    void aPreferenceWithoutAUsableNumberIsQuarantined() {
        WebhookNotification parsed = parse("""
                {"category":"marketing_messages","value":"stop"}, "not an object\"""");
        assertThat(parsed.changes().get(0).items()).isEmpty();
        assertThat(parsed.quarantined()).extracting(QuarantinedItem::reason)
                .containsExactly("invalid_wa_id", "not_an_object");
    }
}
