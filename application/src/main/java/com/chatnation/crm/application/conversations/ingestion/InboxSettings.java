package com.chatnation.crm.application.conversations.ingestion;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The PostgreSQL inbox ({@code crm.inbox.*}).
 *
 * @param partitions     how many ordered lanes the inbox has; more lanes, more contacts in parallel
 * @param workers        worker threads per instance (0 accepts items without processing them)
 * @param batchSize      items a worker takes from one lane at a time
 * @param itemsPerTransaction  items of one lane handled in one transaction when several are waiting (1: each alone)
 * @param maxAttempts    attempts before an item is set aside as dead, so it never blocks its lane
 * @param retryBackoff   wait before retrying a failed item (doubling per attempt, up to 1024 times this)
 * @param idlePoll       how often idle workers look for items accepted by other instances
 * @param keepProcessed  how long processed items are kept for inspection
 */
@Validated
@ConfigurationProperties("crm.inbox")
record InboxSettings(@DefaultValue("32") @Min(1) int partitions,
                            @DefaultValue("4") @Min(0) int workers,
                            @DefaultValue("100") @Min(1) int batchSize,
                            @DefaultValue("16") @Min(1) int itemsPerTransaction,
                            @DefaultValue("5") @Min(1) int maxAttempts,
                            @DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration retryBackoff,
                            @DefaultValue("200ms") @NotNull @DurationMin(millis = 1) Duration idlePoll,
                            @DefaultValue("7d") @NotNull Duration keepProcessed) {
}
