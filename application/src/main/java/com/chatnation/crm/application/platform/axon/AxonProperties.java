package com.chatnation.crm.application.platform.axon;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the service drives Axon: snapshots, the aggregate cache, retries of commands that lost a write race, and
 * processor batches ({@code crm.snapshots.*}, {@code crm.aggregates.*}, {@code crm.commands.*},
 * {@code crm.processors.*}).
 */
@Validated
@ConfigurationProperties("crm")
public record AxonProperties(@DefaultValue @Valid Snapshots snapshots,
                             @DefaultValue @Valid Aggregates aggregates,
                             @DefaultValue @Valid Commands commands,
                             @DefaultValue @Valid Processors processors) {

    /** @param threshold events since an aggregate's last snapshot before the next ({@code CRM_SNAPSHOT_THRESHOLD}; 0: never) */
    public record Snapshots(@DefaultValue("100") @Min(0) int threshold) {
    }

    /** @param cacheSize aggregates kept in memory between commands, the least used leaving first */
    public record Aggregates(@DefaultValue("10000") @Min(1) long cacheSize) {
    }

    /**
     * @param conflictRetries     re-dispatches of a command sent on its own that lost a write race to another
     *                            instance ({@link RetryPolicies#COMMAND_CONFLICT})
     * @param transactionAttempts attempts of a whole transaction that lost one ({@link RetryPolicies#TRANSACTION_CONFLICT})
     */
    public record Commands(@DefaultValue("20") @Min(0) int conflictRetries,
                           @DefaultValue("10") @Min(1) int transactionAttempts) {
    }

    /**
     * @param batchSize events a read-model processor handles per transaction, at most
     * @param linger    how long a processor at the head waits after a new event for more to join its batch
     *                  ({@link LingeringEventSource}); 0 takes each event as soon as it is there
     */
    public record Processors(@DefaultValue("100") @Min(1) int batchSize,
                             @DefaultValue("50ms") Duration linger) {
    }
}
