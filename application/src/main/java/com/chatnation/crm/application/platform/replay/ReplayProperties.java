package com.chatnation.crm.application.platform.replay;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
 * @param pausePoll      how often an instance looks whether another one has paused processors for a swap
 * @param pauseLease     how long such a pause holds if the rebuilding instance never ends it (it died)
 */
@Validated
@ConfigurationProperties(prefix = "crm.replay")
record ReplayProperties(@DefaultValue("500") @Min(1) int batchSize,
                               @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration logInterval,
                               @DefaultValue("200") @Min(0) int catchUpLag,
                               @DefaultValue("30s") @NotNull Duration claimTimeout,
                               @DefaultValue("2") @Min(1) int lanes,
                               @DefaultValue("500ms") @NotNull @DurationMin(millis = 10) Duration pausePoll,
                               @DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration pauseLease) {
}
