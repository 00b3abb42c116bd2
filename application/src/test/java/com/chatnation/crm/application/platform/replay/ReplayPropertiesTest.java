package com.chatnation.crm.application.platform.replay;

import com.chatnation.crm.application.support.BoundProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayPropertiesTest {

    @Test
    void defaults() {
        assertThat(BoundProperties.bind("crm.replay", ReplayProperties.class))
                .isEqualTo(new ReplayProperties(500, Duration.ofSeconds(10), 200, Duration.ofSeconds(30), 2,
                        Duration.ofMillis(500), Duration.ofMinutes(5)));
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> BoundProperties.bind("crm.replay", ReplayProperties.class, "lanes", "0"))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> BoundProperties.bind("crm.replay", ReplayProperties.class, "batch-size", "-1"))
                .isInstanceOf(BindException.class);
    }
}
