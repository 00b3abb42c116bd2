package com.chatnation.crm.application.privacy;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Retention runs hourly as a db-scheduler task: durable, and run by one instance at a time however many there
 * are, so two instances never blank and log the same texts twice.
 */
@Configuration(proxyBeanMethods = false)
class RetentionSchedule {

    @Bean
    RecurringTask<Void> messageRetentionTask(MessageRetention retention) {
        return Tasks.recurring("message-retention", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> retention.applyAll());
    }
}
