package com.chatnation.crm.application.platform.privacy;

import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.domain.conversation.ReplySent;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.survey.AnswerValue;
import com.chatnation.crm.domain.survey.QuestionAnswered;
import com.chatnation.crm.domain.survey.QuestionType;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Personal data sealed in the event store's own serializer, opened again, and gone once its key is destroyed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PersonalDataSealingIntegrationTest {

    private static final String PHONE = "+254799123456";
    private static final String TEXT = "my id number is 12345678";

    @Autowired
    @Qualifier("eventSerializer")
    Serializer events;
    @Autowired
    ContactKeys keys;
    @Autowired
    JdbcTemplate jdbc;

    private static MessageReceived received(String contactId) {
        return new MessageReceived("conversation-org-" + contactId, "s-1", "org-sealing", contactId, PHONE,
                "wamid.sealed", Instant.parse("2026-11-30T10:00:00Z"), new MessageContent.Text(TEXT),
                MessageContext.NONE, "Wanjiku");
    }

    private String stored(Object event) {
        return new String(events.serialize(event, byte[].class).getData(), StandardCharsets.UTF_8);
    }

    @Test
    void personalMembersAreSealedAndOpenWithTheirKey() {
        String contactId = UUID.randomUUID().toString();
        MessageReceived event = received(contactId);

        SerializedObject<byte[]> serialized = events.serialize(event, byte[].class);
        String json = new String(serialized.getData(), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain(PHONE.substring(1)).doesNotContain("12345678").doesNotContain("Wanjiku")
                .contains(contactId).contains("wamid.sealed").contains("\"pd1:" + contactId + ":")
                .contains("\"pd1:" + contactId + "/" + YearMonth.now(ZoneOffset.UTC) + ":");
        assertThat((Object) events.deserialize(serialized)).isEqualTo(event);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_keys WHERE contact_id = ?", Integer.class,
                contactId)).as("one key for the contact, one for this month's texts").isEqualTo(2);
    }

    @Test
    void destroyingTheKeysLeavesTheRestReadableAndThePersonalMembersEmpty() {
        String contactId = UUID.randomUUID().toString();
        SerializedObject<byte[]> message = events.serialize(received(contactId), byte[].class);
        SerializedObject<byte[]> sent = events.serialize(new ReplySent("conversation-org-" + contactId, "s-1",
                "org-sealing", contactId, "r-1", "wamid.out", 1), byte[].class);

        assertThat(keys.destroyContact(contactId)).isEqualTo(2);

        MessageReceived erased = events.deserialize(message);
        assertThat(erased.contactId()).isEqualTo(contactId);
        assertThat(erased.messageId()).isEqualTo("wamid.sealed");
        assertThat(erased.contactPhone()).isNull();
        assertThat(erased.content()).isNull();
        assertThat(erased.profileName()).isNull();
        assertThat((Object) events.deserialize(sent)).as("events without personal data are untouched")
                .isEqualTo(new ReplySent("conversation-org-" + contactId, "s-1", "org-sealing", contactId, "r-1",
                        "wamid.out", 1));
    }

    @Test
    void historyWrittenBeforeSealingIsReadAsItWas() {
        String contactId = UUID.randomUUID().toString();
        String legacy = stored(received(contactId)).replaceAll("\"pd1:[^\"]*\"", "null");
        // an event of the time, whose members were plain JSON
        String plain = legacy.replace("\"contactPhone\":null", "\"contactPhone\":\"" + PHONE + "\"")
                .replace("\"content\":null", "\"content\":{\"variant\":\"text\",\"body\":\"" + TEXT + "\"}")
                .replace("\"profileName\":null", "\"profileName\":\"Wanjiku\"");
        MessageReceived read = events.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(
                plain.getBytes(StandardCharsets.UTF_8), byte[].class, MessageReceived.class.getName(), "2"));
        assertThat(read).isEqualTo(received(contactId));
    }

    @Test
    void anEventWithoutAContactIdIsWrittenUnsealedOnlyBecauseHistoryBeforeContactIdsHadNone() {
        QuestionAnswered old = new QuestionAnswered("r-1", "org-sealing", "survey-1", 1, "q1", QuestionType.FREE_TEXT,
                AnswerValue.text("great"), "wamid.q", null);
        assertThat(stored(old)).contains("great");
        QuestionAnswered current = new QuestionAnswered("r-1", "org-sealing", "survey-1", 1, "q1",
                QuestionType.FREE_TEXT, AnswerValue.text("great"), "wamid.q", UUID.randomUUID().toString());
        assertThat(stored(current)).doesNotContain("great");
    }
}
