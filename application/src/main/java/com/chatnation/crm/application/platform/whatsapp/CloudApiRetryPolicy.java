package com.chatnation.crm.application.platform.whatsapp;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.retry.RetryListener;
import org.springframework.retry.support.RetryTemplate;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import static com.chatnation.crm.application.platform.transactions.RetryPolicies.metrics;

/**
 * {@value #CLOUD_API}: a Cloud API request answered 429, 5xx or a throttling code, or lost in transport
 * ({@link TransientSendFailure}): up to {@code crm.whatsapp.max-attempts} (4) requests, waiting what
 * {@code Retry-After} asks or a random share (full jitter) of {@code crm.whatsapp.retry-base-delay} (500 ms)
 * doubling per attempt, at most {@code crm.whatsapp.retry-max-delay} (20 s) ({@link CloudApiBackOff}).
 */
@Configuration(proxyBeanMethods = false)
class CloudApiRetryPolicy {

    public static final String CLOUD_API = "whatsapp-cloud-api";

    /** The sending numbers' cap, counted in the database so that every instance keeps to one cap together. */
    @Bean
    SharedSendRate sendRate(WhatsAppProperties properties, org.springframework.jdbc.core.JdbcTemplate jdbc,
                            org.springframework.transaction.PlatformTransactionManager transactions) {
        return new SharedSendRate(jdbc, transactions, properties.messagesPerSecond(), properties.burst());
    }

    @Bean
    RetryTemplate cloudApiRetry(WhatsAppProperties properties, MeterRegistry meters) {
        return cloudApi(properties, Sleeper.real(), () -> ThreadLocalRandom.current().nextDouble(),
                metrics(meters, CLOUD_API));
    }

    /**
     * @param sleeper waits between attempts
     * @param jitter  numbers in {@code [0, 1)}, the share of each exponential ceiling waited (full jitter)
     */
    public static RetryTemplate cloudApi(WhatsAppProperties properties, Sleeper sleeper, DoubleSupplier jitter,
                                         RetryListener... listeners) {
        return RetryTemplate.builder()
                .maxAttempts(properties.maxAttempts())
                .retryOn(TransientSendFailure.class)
                .customBackoff(new CloudApiBackOff(properties.retryBaseDelay(), properties.retryMaxDelay(), sleeper,
                        jitter))
                .withListeners(List.of(listeners))
                .build();
    }
}
