package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.platform.executors.TaskExecutors;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;

import java.time.Duration;

/**
 * The reply queue's processor and the senders' threads.
 * <ul>
 *   <li>The processor ({@link ReplyDispatcher}) is one segment reading the event store itself (a reply waits for no
 *       lingering), up to 100 events per transaction. Where the former processor ({@code reply-dispatch}, sixteen
 *       segments that sent replies themselves) had got to, it starts from the lowest of its segments' positions and
 *       takes their place: replies queued again are ignored ({@code ON CONFLICT DO NOTHING}), and sending is decided
 *       by the table, so nothing is sent twice.</li>
 *   <li>{@code replySenderExecutor}: {@code crm.replies.dispatch-threads} threads {@code reply-sender-N}; most of a
 *       send is waiting (wallet, Graph API, database), so there are more of them than cores.</li>
 *   <li>{@code replyBillingExecutor}: as many threads {@code reply-billing-N} for their charges ({@link ReplyCharges},
 *       transactions of their own); charges under way commit before the pool stops (up to 30 s).</li>
 *   <li>{@code replySenderTimer}: one thread {@code reply-sender-timer-N} for retries and sweeps.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ReplyDispatchConfiguration {

    private static final int BATCH_SIZE = 100;

    @Bean
    ConfigurerModule replyQueueProcessor() {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessor(ReplyDispatcher.GROUP,
                org.axonframework.config.Configuration::eventStore, c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing().andBatchSize(BATCH_SIZE)
                        .andInitialTrackingToken(source -> startingPoint(
                                c.eventProcessingConfiguration().tokenStore(ReplyDispatcher.GROUP), source)));
    }

    /**
     * Runs in the transaction that creates this processor's token: the former processor's segments are read (each
     * claimed for the moment) and removed, so the next start, here or on another instance, finds this one's token.
     */
    static TrackingToken startingPoint(TokenStore tokens, StreamableMessageSource<?> source) {
        int[] segments = tokens.fetchSegments(ReplyDispatcher.FORMER_GROUP);
        if (segments.length == 0) {
            return source.createTailToken();
        }
        TrackingToken lowest = null;
        boolean fromTail = false;
        for (int segment : segments) {
            TrackingToken position = tokens.fetchToken(ReplyDispatcher.FORMER_GROUP, segment);
            if (position == null) {
                fromTail = true;
            } else {
                lowest = lowest == null ? position : lowest.lowerBound(position);
            }
            tokens.deleteToken(ReplyDispatcher.FORMER_GROUP, segment);
        }
        return fromTail || lowest == null ? source.createTailToken() : lowest;
    }

    @Bean
    ThreadPoolTaskExecutor replySenderExecutor(RepliesProperties replies) {
        return TaskExecutors.fixed("reply-sender-", replies.dispatchThreads(), Duration.ofSeconds(30));
    }

    @Bean
    ThreadPoolTaskExecutor replyBillingExecutor(RepliesProperties replies) {
        return TaskExecutors.fixed("reply-billing-", replies.dispatchThreads(), Duration.ofSeconds(30));
    }

    @Bean
    ThreadPoolTaskScheduler replySenderTimer() {
        return new ThreadPoolTaskSchedulerBuilder()
                .poolSize(1)
                .threadNamePrefix("reply-sender-timer-")
                .customizers(scheduler -> scheduler.setDaemon(true))
                .build();
    }
}
