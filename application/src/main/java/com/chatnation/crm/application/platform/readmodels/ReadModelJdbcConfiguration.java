package com.chatnation.crm.application.platform.readmodels;

import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/**
 * Two templates: the plain one everything else uses, and the batching one the read-model projections ask for
 * with {@link ReadModelJdbc}. (Declaring the second switches Spring Boot's own off, hence the first.)
 */
@Configuration(proxyBeanMethods = false)
class ReadModelJdbcConfiguration {

    @Bean
    @Primary
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    @ReadModelJdbc
    TransactionBatchingJdbcTemplate readModelJdbcTemplate(DataSource dataSource) {
        return new TransactionBatchingJdbcTemplate(dataSource);
    }

    /** Axon picks up handler enhancers among the beans. */
    @Bean
    HandlerSavepoints readModelHandlerSavepoints(@ReadModelJdbc TransactionBatchingJdbcTemplate readModelJdbcTemplate) {
        return new HandlerSavepoints(readModelJdbcTemplate);
    }
}
