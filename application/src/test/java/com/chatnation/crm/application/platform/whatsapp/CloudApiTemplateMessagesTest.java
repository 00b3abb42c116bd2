package com.chatnation.crm.application.platform.whatsapp;

import com.chatnation.crm.domain.common.PhoneNumber;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Graph API bodies of template and media messages, as Meta documents them. */
class CloudApiTemplateMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PhoneNumber TO = PhoneNumber.of("+254712345678");

    @Test
    void aNamedTemplateWithAMediaHeaderAndADate() throws Exception {
        TemplateMessage template = new TemplateMessage("event_reminder", "sw",
                new TemplateMessage.Media(null, MediaMessage.Kind.DOCUMENT, null, "1013859600285441", "ticket.pdf"),
                List.of(new TemplateMessage.Text("first_name", "Amina"),
                        new TemplateMessage.DateTime("starts", "Sat 1 March, 9:00")), List.of());

        assertThat(CloudApiMessages.template(TO, template)).isEqualTo(JSON.readTree("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"254712345678","type":"template",
                 "template":{"name":"event_reminder","language":{"code":"sw"},"components":[
                   {"type":"header","parameters":[{"type":"document","document":{"id":"1013859600285441","filename":"ticket.pdf"}}]},
                   {"type":"body","parameters":[{"type":"text","text":"Amina","parameter_name":"first_name"},
                     {"type":"date_time","date_time":{"fallback_value":"Sat 1 March, 9:00"},"parameter_name":"starts"}]}]}}"""));
    }

    @Test
    void aTemplateWithoutParametersHasNoComponents() throws Exception {
        assertThat(CloudApiMessages.template(TO, new TemplateMessage("hello_world", "en_US", null, null, null)))
                .isEqualTo(JSON.readTree("""
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"254712345678",
                         "type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}}"""));
    }

    @Test
    void currencyAmountsTravelInThousandths() {
        TemplateMessage template = new TemplateMessage("receipt", "en", null,
                List.of(new TemplateMessage.Currency(null, "$10.99", "USD", new BigDecimal("10.99"))), null);
        assertThat(CloudApiMessages.template(TO, template).path("template").path("components").path(0)
                .path("parameters").path(0).path("currency").path("amount_1000").asLong()).isEqualTo(10_990);
    }

    @Test
    void refusesAnAudioHeader() {
        TemplateMessage template = new TemplateMessage("t", "en",
                new TemplateMessage.Media(null, MediaMessage.Kind.AUDIO, "https://x.example/a.ogg", null, null), null, null);
        assertThatThrownBy(() -> CloudApiMessages.template(TO, template)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mediaMessagesByLinkOrUploadedId() throws Exception {
        assertThat(CloudApiMessages.media(TO, new MediaMessage(MediaMessage.Kind.IMAGE, "https://x.example/poster.jpg",
                null, "Tonight!", null))).isEqualTo(JSON.readTree("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"254712345678","type":"image",
                 "image":{"link":"https://x.example/poster.jpg","caption":"Tonight!"}}"""));
        assertThat(CloudApiMessages.media(TO, new MediaMessage(MediaMessage.Kind.DOCUMENT, null, "42", null, "a.pdf"))
                .path("document").toString()).isEqualTo("{\"id\":\"42\",\"filename\":\"a.pdf\"}");
        assertThat(CloudApiMessages.media(TO, new MediaMessage(MediaMessage.Kind.AUDIO, null, "43", null, null))
                .path("audio").toString()).isEqualTo("{\"id\":\"43\"}");
        assertThat(CloudApiMessages.media(TO, new MediaMessage(MediaMessage.Kind.VIDEO, "https://x.example/v.mp4", null,
                null, null)).path("type").asText()).isEqualTo("video");
    }

    @Test
    void aMediaMessageHasExactlyOneSource() {
        assertThatThrownBy(() -> new MediaMessage(MediaMessage.Kind.IMAGE, "https://x", "42", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaMessage(MediaMessage.Kind.IMAGE, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaMessage(MediaMessage.Kind.AUDIO, null, "1", "caption", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaMessage(MediaMessage.Kind.IMAGE, null, "1", null, "a.jpg"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
