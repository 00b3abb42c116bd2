package com.chatnation.crm.application.broadcasts;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Broadcast sending ({@code crm.broadcasts.*}).
 *
 * @param senders    sender threads of this instance; together they send as fast as the number's cap allows
 * @param claimSize  recipients a sender claims at a time
 * @param lease      how long a claim lasts: a stopped instance's claims are taken over after it
 * @param queueChunk recipients stored as events per transaction
 * @param idlePoll   how often an idle sender looks for work
 * @param retryDelay how long a recipient WhatsApp could not take for now (throttled, unavailable) waits
 */
@Validated
@ConfigurationProperties("crm.broadcasts")
record BroadcastProperties(@DefaultValue("4") @Min(1) @Max(64) int senders,
                           @DefaultValue("20") @Min(1) @Max(500) int claimSize,
                           @DefaultValue("60s") @NotNull Duration lease,
                           @DefaultValue("500") @Min(1) @Max(5000) int queueChunk,
                           @DefaultValue("500ms") @NotNull Duration idlePoll,
                           @DefaultValue("30s") @NotNull Duration retryDelay) {
}
