package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.application.support.HostileWebhooks;
import com.fasterxml.jackson.databind.json.JsonMapper;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The parser on generated bodies (valid shapes with hostile values, broken shapes, bodies that are not JSON), many
 * more than the endpoint can take in the same time: only non-JSON is refused; everything it lets through is
 * storable (no NUL, no lone surrogate, ids that fit their columns, believable times) and everything else is
 * quarantined with a reason.
 */
class WebhookParserPropertiesTest {

    private static final List<String> CONTACTS = List.of("254700000001", "254700000002", "16505551234");
    private final WebhookPayloadParser parser = new WebhookPayloadParser();
    private final InboundItemCodec codec = new InboundItemCodec(JsonMapper.builder().findAndAddModules().build());

    @Provide
    Arbitrary<HostileWebhooks.Body> bodies() {
        return HostileWebhooks.bodies(List.of("106540352242922", "1"), CONTACTS);
    }

    @Property(tries = 4000)
    void onlyNonJsonIsRefusedAndWhatPassesIsStorable(@ForAll("bodies") HostileWebhooks.Body body) {
        Instant now = Instant.now();
        if (!body.wellFormed()) {
            Statistics.collect("not JSON");
            assertThatThrownBy(() -> parser.parse(body.bytes(), now)).isInstanceOf(MalformedWebhookException.class);
            return;
        }
        WebhookNotification notification = parser.parse(body.bytes(), now);
        Statistics.collect(notification.quarantined().isEmpty() ? "nothing quarantined" : "some quarantined");
        for (WebhookItem item : notification.items()) {
            String json = new String(codec.encode(item), StandardCharsets.UTF_8);
            assertThat(json).doesNotContain("\\u0000").doesNotContain("\u0000");
            assertThat(json.codePoints()).noneMatch(c -> Character.getType(c) == Character.SURROGATE);
            assertThat(codec.decode(InboundItemCodec.kindOf(item), codec.encode(item))).isEqualTo(item);
            assertThat(WebhookPayloadParser.orderingKey(item).length()).isLessThanOrEqualTo(300 - 37);
            if (item instanceof InboundMessage message) {
                assertThat(WebhookText.isUsableId(message.messageId())).isTrue();
                assertThat(message.sender().key()).isNotNull().hasSizeLessThanOrEqualTo(WebhookText.MAX_ID_LENGTH);
                if (message.sentAt() != null) {
                    assertThat(message.sentAt()).isAfterOrEqualTo(Instant.parse("2009-01-01T00:00:00Z"))
                            .isBeforeOrEqualTo(now.plus(Duration.ofDays(1)));
                }
                if (message.context().repliedToMessageId() != null) {
                    assertThat(WebhookText.isUsableId(message.context().repliedToMessageId())).isTrue();
                }
            } else if (item instanceof StatusUpdate status) {
                assertThat(WebhookText.isUsableId(status.messageId())).isTrue();
                assertThat(status.status()).matches("[a-z_]{1,32}");
            }
        }
        for (QuarantinedItem item : notification.quarantined()) {
            assertThat(item.reason()).matches("[a-z_]{1,64}");
            assertThat(item.raw()).isNotEmpty();
            assertThat(item.phoneNumberId() == null || WebhookText.isUsableId(item.phoneNumberId())).isTrue();
        }
    }
}
