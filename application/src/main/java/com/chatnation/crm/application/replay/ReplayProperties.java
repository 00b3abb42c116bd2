package com.chatnation.crm.application.replay;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of projection rebuilds and history republishing ({@code crm.replay.*}).
 *
 * @param batchSize      events applied to the shadow tables per transaction
 * @param logInterval    how often a running rebuild or republish logs its progress
 * @param catchUpLag     a rebuild stops the live processor once a pass over the event store finds at most this
 *                       many new events; the live processor is then down only for that short tail
 * @param claimTimeout   how long the swap keeps retrying while the group's token claims are held elsewhere (another
 *                       instance) or its tables are locked by long queries; each attempt waits at most 2 s for locks
 * @param lanes          threads (each with its own connection) a rebuild spreads its processing groups over
 */
@ConfigurationProperties(prefix = "crm.replay")
public record ReplayProperties(Integer batchSize, Duration logInterval, Integer catchUpLag, Duration claimTimeout,
                               Integer lanes) {

    public ReplayProperties {
        batchSize = batchSize == null || batchSize <= 0 ? 500 : batchSize;
        logInterval = logInterval == null ? Duration.ofSeconds(10) : logInterval;
        catchUpLag = catchUpLag == null || catchUpLag < 0 ? 200 : catchUpLag;
        claimTimeout = claimTimeout == null ? Duration.ofSeconds(30) : claimTimeout;
        lanes = lanes == null || lanes <= 0 ? 2 : lanes;
    }
}
