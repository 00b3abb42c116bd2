package com.chatnation.crm.application.platform.database;

import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;

/**
 * Makes the embedded PostgreSQL a bean that every DataSource depends on, so the context closes it last: Spring
 * destroys a bean's dependents first, and everything that talks to the database depends on a DataSource, whose
 * pool is closed before the server stops. Lifecycle beans (the web server's graceful shutdown, the inbox workers,
 * the event processors, db-scheduler, Kafka listeners) stop even earlier, before any bean is destroyed.
 *
 * <p>Before, the server was stopped by its own JVM shutdown hook, which ran alongside Spring's: on SIGTERM the
 * database went away while the service was still draining, and the log filled with broken connections.
 */
final class EmbeddedPostgresStopsLast implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String BEAN_NAME = "crmEmbeddedPostgres";

    private final EmbeddedPostgresServer server;

    EmbeddedPostgresStopsLast(EmbeddedPostgresServer server) {
        this.server = server;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ((BeanDefinitionRegistry) context.getBeanFactory()).registerBeanDefinition(BEAN_NAME,
                BeanDefinitionBuilder.genericBeanDefinition(EmbeddedPostgresServer.class, () -> server)
                        .setDestroyMethodName("close")
                        .getBeanDefinition());
        context.addBeanFactoryPostProcessor(new DataSourcesDependOnIt());
    }

    private static final class DataSourcesDependOnIt extends AbstractDependsOnBeanFactoryPostProcessor {
        DataSourcesDependOnIt() {
            super(DataSource.class, BEAN_NAME);
        }
    }
}
