package com.chatnation.crm.application.platform.axon;

import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The running service's aggregates find their commands' targets through the cached resolver. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommandTargetsWiringIntegrationTest {

    @Autowired
    Configuration axon;

    @Test
    void aggregatesUseTheCachedResolver() {
        assertThat(axon.getComponent(CommandTargetResolver.class)).isInstanceOf(CachedCommandTargets.class);
    }
}
