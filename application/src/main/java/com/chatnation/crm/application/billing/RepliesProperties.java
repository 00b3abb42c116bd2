package com.chatnation.crm.application.billing;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The reply dispatcher ({@code crm.replies.*}).
 *
 * @param dispatchThreads   threads (and segments) of the reply dispatcher, and of the billing pool that charges its
 *                          replies ({@code CRM_REPLY_DISPATCH_THREADS}); the number of segments is fixed when the
 *                          dispatcher first starts
 * @param organizationCache how long the dispatcher keeps an organization's sending number and price list
 */
@Validated
@ConfigurationProperties("crm.replies")
public record RepliesProperties(@DefaultValue("16") @Min(1) int dispatchThreads,
                                @DefaultValue("5s") @NotNull Duration organizationCache) {
}
