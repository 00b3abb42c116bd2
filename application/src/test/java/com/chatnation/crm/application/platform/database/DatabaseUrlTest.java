package com.chatnation.crm.application.platform.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    @Test
    void convertsTheCommonPostgresUrlForm() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://crm:s%40cret@db.internal:6543/crm?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/crm?sslmode=require");
        assertThat(url.username()).isEqualTo("crm");
        assertThat(url.password()).isEqualTo("s@cret");
        assertThat(url.toString()).doesNotContain("s@cret");
    }

    @Test
    void defaultsThePort() {
        assertThat(DatabaseUrl.parse("postgresql://u:p@host/db").jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/db");
    }

    @Test
    void passesJdbcUrlsThrough() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost/crm");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/crm");
        assertThat(url.asSpringProperties()).containsOnlyKeys("spring.datasource.url");
    }

    @Test
    void redactsPasswordsForTheLog() {
        assertThat(DatabaseUrl.redact("jdbc:postgresql://db:5432/crm?user=crm&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/crm?user=crm&password=***&ssl=true");
        assertThat(DatabaseUrl.redact("postgres://crm:s3cret@db:5432/crm")).isEqualTo("postgres://crm:***@db:5432/crm");
        assertThat(DatabaseUrl.redact("jdbc:postgresql://localhost/crm")).isEqualTo("jdbc:postgresql://localhost/crm");
    }

    @Test
    void refusesOtherDatabases() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:p@host/db"))
                .hasMessageContaining("must start with jdbc:postgresql:");
    }
}
