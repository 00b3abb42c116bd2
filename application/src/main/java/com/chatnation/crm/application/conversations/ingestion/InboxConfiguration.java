package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import io.micrometer.core.instrument.MeterRegistry;
import com.chatnation.crm.application.platform.kafka.KafkaNotConfigured;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/** The PostgreSQL inbox and its workers, when Kafka does not carry accepted webhook items. */
@Configuration(proxyBeanMethods = false)
@Conditional(KafkaNotConfigured.class)
class InboxConfiguration {

    @Bean
    InboxWorkers inboxWorkers(DataSource dataSource, JdbcTemplate jdbc, TransactionalRetry transaction,
                              InboundEnvelopeHandler handler, InboxSettings settings, MeterRegistry meters) {
        return new InboxWorkers(dataSource, jdbc, transaction, handler, settings, meters);
    }

    @Bean
    InboundQueue postgresInbox(JdbcTemplate jdbc, TransactionTemplate transaction, InboxSettings settings,
                               InboxWorkers workers) {
        return new PostgresInbox(jdbc, transaction, settings.partitions(), workers::wake);
    }
}
