package com.chatnation.crm.application.platform.axon;

import com.chatnation.crm.application.support.BoundProperties;
import com.chatnation.crm.application.billing.RepliesProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AxonPropertiesTest {

    @Test
    void defaults() {
        AxonProperties properties = BoundProperties.bind("crm", AxonProperties.class);

        assertThat(properties.snapshots().threshold()).isEqualTo(100);
        assertThat(properties.aggregates().cacheSize()).isEqualTo(10_000);
        assertThat(properties.commands().conflictRetries()).isEqualTo(20);
        assertThat(properties.commands().transactionAttempts()).isEqualTo(10);
        assertThat(properties.processors().batchSize()).isEqualTo(100);
        assertThat(properties.processors().linger()).isEqualTo(Duration.ofMillis(50));
        assertThat(BoundProperties.bind("crm.replies", RepliesProperties.class))
                .isEqualTo(new RepliesProperties(16, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    @Test
    void keepsThePropertyNames() {
        AxonProperties properties = BoundProperties.bind("crm", AxonProperties.class, "snapshots.threshold", "0",
                "aggregates.cache-size", "5", "commands.conflict-retries", "3", "processors.batch-size", "7", "processors.linger", "0");

        assertThat(properties.snapshots().threshold()).isZero();
        assertThat(properties.aggregates().cacheSize()).isEqualTo(5);
        assertThat(properties.commands().conflictRetries()).isEqualTo(3);
        assertThat(properties.processors().batchSize()).isEqualTo(7);
        assertThat(properties.processors().linger()).isZero();
        assertThat(BoundProperties.bind("crm.replies", RepliesProperties.class, "dispatch-threads", "32")
                .dispatchThreads()).isEqualTo(32);
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> BoundProperties.bind("crm", AxonProperties.class, "processors.batch-size", "0"))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> BoundProperties.bind("crm.replies", RepliesProperties.class, "dispatch-threads", "0"))
                .isInstanceOf(BindException.class);
    }
}
