package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.platform.executors.TaskExecutors;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.time.Duration;

/**
 * The reply dispatcher's threads. It talks to WhatsApp: a failure late in a batch would roll back, and resend,
 * replies already delivered, so it takes one event at a time, on several threads (one segment each; a
 * conversation's replies stay in one segment and so in order) because most of its time is spent waiting for the
 * Graph API. Its charges run on a pool of as many threads ({@code reply-billing-N}), in transactions of their own
 * ({@link ReplyCharges}); charges under way commit before the pool stops (up to 30 s).
 */
@Configuration(proxyBeanMethods = false)
class ReplyDispatchConfiguration {

    @Bean
    ConfigurerModule replyDispatchThreads(RepliesProperties replies) {
        int threads = replies.dispatchThreads();
        // the event store itself, not the read models' lingering source: a reply waits for nothing
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessor(ReplyDispatcher.GROUP,
                org.axonframework.config.Configuration::eventStore, c -> TrackingEventProcessorConfiguration
                        .forParallelProcessing(threads).andInitialSegmentsCount(threads).andBatchSize(1));
    }

    @Bean
    ThreadPoolTaskExecutor replyBillingExecutor(RepliesProperties replies) {
        return TaskExecutors.fixed("reply-billing-", replies.dispatchThreads(), Duration.ofSeconds(30));
    }
}
