package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.application.support.BoundProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InboxSettingsTest {

    @Test
    void defaults() {
        assertThat(BoundProperties.bind("crm.inbox", InboxSettings.class)).isEqualTo(new InboxSettings(32, 4, 100, 16,
                5, Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofDays(7)));
    }

    @Test
    void noWorkersAcceptsItemsWithoutProcessingThemButNothingElseGoesBelowOne() {
        assertThat(BoundProperties.bind("crm.inbox", InboxSettings.class, "workers", "0").workers()).isZero();
        assertThatThrownBy(() -> BoundProperties.bind("crm.inbox", InboxSettings.class, "max-attempts", "0"))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> BoundProperties.bind("crm.inbox", InboxSettings.class, "partitions", "0"))
                .isInstanceOf(BindException.class);
    }
}
