package com.chatnation.crm.application.platform.database;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/** Where the database is; the embedded path itself is what every test run and a developer's first start use. */
class EmbeddedPostgresEnvironmentPostProcessorTest {

    private final Log log = mock(Log.class);
    private final EmbeddedPostgresEnvironmentPostProcessor processor =
            new EmbeddedPostgresEnvironmentPostProcessor(destination -> log);

    @Test
    void externalModeRefusesToStartWithoutADatabase() {
        MockEnvironment environment = new MockEnvironment().withProperty("crm.database", "external");

        assertThatThrownBy(() -> processor.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CRM_DATABASE=external")
                .hasMessageContaining("DATABASE_URL")
                .hasMessageContaining("spring.datasource.url");
        assertThat(environment.getProperty("spring.datasource.url")).isNull();
    }

    @Test
    void externalModeIsSetByTheEnvironmentVariable() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-environment",
                Map.of("CRM_DATABASE", "external")));

        assertThatThrownBy(() -> processor.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DATABASE_URL");
    }

    @Test
    void externalModeUsesDatabaseUrlAndLogsItWithoutThePassword() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("crm.database", "external")
                .withProperty("DATABASE_URL", "postgres://crm:s3cret-pw@db.internal:6432/crm?sslmode=require");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://db.internal:6432/crm?sslmode=require");
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("crm");
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("s3cret-pw");
        assertThat(logged()).contains("jdbc:postgresql://db.internal:6432/crm?sslmode=require", "crm", "DATABASE_URL")
                .doesNotContain("s3cret-pw");
    }

    @Test
    void aConfiguredDataSourceIsUsedAsItIsAndLoggedWithoutThePassword() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("crm.database", "external")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/crm?user=crm&password=s3cret-pw")
                .withProperty("spring.datasource.username", "crm");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().contains("crmDatabase")).isFalse();
        assertThat(logged()).contains("jdbc:postgresql://db:5432/crm?user=crm&password=***")
                .doesNotContain("s3cret-pw");
    }

    private String logged() {
        ArgumentCaptor<Object> message = ArgumentCaptor.forClass(Object.class);
        verify(log).info(message.capture());
        return message.getValue().toString();
    }
}
