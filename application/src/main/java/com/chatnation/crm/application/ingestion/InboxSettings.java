package com.chatnation.crm.application.ingestion;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param partitions     how many ordered lanes the inbox has; more lanes, more contacts in parallel
 * @param workers        worker threads per instance (0 accepts items without processing them)
 * @param batchSize      items a worker takes from one lane at a time
 * @param itemsPerTransaction  items of one lane handled in one transaction when several are waiting (1: each alone)
 * @param maxAttempts    attempts before an item is set aside as dead, so it never blocks its lane
 * @param retryBackoff   wait before retrying a failed item (doubling per attempt)
 * @param idlePoll       how often idle workers look for items accepted by other instances
 * @param keepProcessed  how long processed items are kept for inspection
 */
@ConfigurationProperties("crm.inbox")
public record InboxSettings(@DefaultValue("32") int partitions,
                            @DefaultValue("4") int workers,
                            @DefaultValue("100") int batchSize,
                            @DefaultValue("16") int itemsPerTransaction,
                            @DefaultValue("5") int maxAttempts,
                            @DefaultValue("1s") Duration retryBackoff,
                            @DefaultValue("200ms") Duration idlePoll,
                            @DefaultValue("7d") Duration keepProcessed) {
}
