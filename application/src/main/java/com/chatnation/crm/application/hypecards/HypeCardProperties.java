package com.chatnation.crm.application.hypecards;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Making and showing cards ({@code crm.hypecards.*}).
 *
 * @param pollInterval how often cards waiting to be drawn are looked for
 * @param photoWait    how long a card waits for its photo to be copied out of WhatsApp before it is given up on
 * @param retryDelay   the pause after a failed drawing; it doubles with each failure
 * @param maxAttempts  drawings tried before the card is given up on
 */
@Validated
@ConfigurationProperties("crm.hypecards")
record HypeCardProperties(@DefaultValue("1s") @NotNull Duration pollInterval,
                          @DefaultValue("15m") @NotNull Duration photoWait,
                          @DefaultValue("5s") @NotNull Duration retryDelay,
                          @DefaultValue("5") int maxAttempts) {
}
