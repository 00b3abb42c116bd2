package com.chatnation.crm.application.media;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Keeping the files contacts send ({@code crm.media.*}).
 *
 * @param directory    where files are kept ({@code CRM_MEDIA_DIR}; by default {@code media} in the data directory)
 * @param maxSize      the largest file kept (WhatsApp's own limits: images 5 MB, voice and video 16 MB)
 * @param pollInterval how often files waiting to be copied are looked for
 * @param retryDelay   the pause after a failed download; it doubles with each failure
 * @param maxAttempts  downloads tried before a file is recorded as lost (WhatsApp keeps files about 30 days)
 */
@Validated
@ConfigurationProperties("crm.media")
record MediaProperties(@NotNull Path directory,
                       @DefaultValue("16MB") @NotNull DataSize maxSize,
                       @DefaultValue("1s") @NotNull Duration pollInterval,
                       @DefaultValue("30s") @NotNull Duration retryDelay,
                       @DefaultValue("8") @Min(1) int maxAttempts) {
}
