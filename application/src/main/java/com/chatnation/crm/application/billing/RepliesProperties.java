package com.chatnation.crm.application.billing;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The reply senders ({@code crm.replies.*}).
 *
 * @param dispatchThreads   threads that send replies, and of the billing pool that charges them
 *                          ({@code CRM_REPLY_DISPATCH_THREADS})
 * @param organizationCache how long the senders keep an organization's sending number and price list
 * @param retryDelay        the first pause before a conversation whose replies could not be sent is tried again;
 *                          it doubles with each failure, up to a minute
 * @param sweepInterval     how often, and after how long, pending replies nobody handed to a sender are looked for
 */
@Validated
@ConfigurationProperties("crm.replies")
public record RepliesProperties(@DefaultValue("16") @Min(1) int dispatchThreads,
                                @DefaultValue("5s") @NotNull Duration organizationCache,
                                @DefaultValue("1s") @NotNull Duration retryDelay,
                                @DefaultValue("5s") @NotNull Duration sweepInterval) {
}
