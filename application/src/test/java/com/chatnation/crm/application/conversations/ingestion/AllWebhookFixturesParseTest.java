package com.chatnation.crm.application.conversations.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every published payload in the shared folder parses and yields at least one item. */
class AllWebhookFixturesParseTest {

    private final WebhookPayloadParser parser = new WebhookPayloadParser();

    static Stream<String> fixtures() {
        return WebhookFixtures.all().stream().map(path -> path.getFileName().toString());
    }

    @Test
    void the_shared_folder_holds_the_published_payloads() {
        List<Path> files = WebhookFixtures.all();
        assertThat(files).hasSizeGreaterThanOrEqualTo(29);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parses_with_at_least_one_item(String fileName) {
        WebhookNotification notification = parser.parse(WebhookFixtures.bytes(fileName));

        assertThat(notification.changes()).isNotEmpty();
        // the one sample whose sender is the placeholder "PHONE_NUMBER" is quarantined instead
        assertThat(notification.items().size() + notification.quarantined().size()).isPositive();
        assertThat(notification.quarantineReasons()).allMatch("invalid_from"::equals);
        assertThat(notification.ignoredChanges()).isEmpty();
        for (WebhookItem item : notification.items()) {
            assertThat(item.phoneNumberId()).isNotBlank();
            if (item instanceof InboundMessage message) {
                assertThat(message.messageId()).isNotBlank();
                assertThat(message.sentAt()).isNotNull();
                assertThat(message.content()).isNotNull();
                assertThat(message.context()).isNotNull();
                assertThat(message.sender().key()).isNotBlank();
            } else if (item instanceof StatusUpdate status) {
                assertThat(status.messageId()).isNotBlank();
                assertThat(status.status()).isNotBlank();
                assertThat(status.at()).isNotNull();
            }
        }
    }
}
