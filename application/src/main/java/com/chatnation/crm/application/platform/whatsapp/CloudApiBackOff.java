package com.chatnation.crm.application.platform.whatsapp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.retry.RetryContext;
import org.springframework.retry.backoff.BackOffContext;
import org.springframework.retry.backoff.BackOffInterruptedException;
import org.springframework.retry.backoff.BackOffPolicy;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The wait between two requests of {@code RetryPolicies#CLOUD_API}: what the failed response's {@code Retry-After}
 * asked for, else a uniformly random share of {@code baseDelay * 2^(attempt - 1)} (full jitter); either way at most
 * {@code maxDelay}. Spring Retry's own back-off policies jitter only part of the wait and cannot read a response.
 */
final class CloudApiBackOff implements BackOffPolicy {

    private static final Logger log = LoggerFactory.getLogger(CloudApiBackOff.class);

    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;

    /** @param jitter numbers in {@code [0, 1)} scaling each exponential ceiling */
    public CloudApiBackOff(Duration baseDelay, Duration maxDelay, Sleeper sleeper, DoubleSupplier jitter) {
        this.baseDelay = Objects.requireNonNull(baseDelay, "baseDelay");
        this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
    }

    private record Attempts(RetryContext retry) implements BackOffContext {
    }

    @Override
    public BackOffContext start(RetryContext context) {
        return new Attempts(context);
    }

    @Override
    public void backOff(BackOffContext backOffContext) {
        RetryContext retry = ((Attempts) backOffContext).retry();
        TransientSendFailure failure = retry.getLastThrowable() instanceof TransientSendFailure transientFailure
                ? transientFailure : null;
        Duration delay = delay(retry.getRetryCount(), failure == null ? null : failure.retryAfter());
        if (failure != null) {
            log.debug("Sending from {} failed on attempt {} (HTTP {}, code {}); retrying in {} ms",
                    failure.phoneNumberId(), retry.getRetryCount(), failure.failure().httpStatus(),
                    failure.failure().errorCode(), delay.toMillis());
        }
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackOffInterruptedException("interrupted while waiting to send again", retry.getLastThrowable());
        }
    }

    /** The wait before attempt {@code attempt + 1}. */
    Duration delay(int attempt, Duration retryAfter) {
        long maxNanos = maxDelay.toNanos();
        if (retryAfter != null) {
            return Duration.ofNanos(Math.min(maxNanos, Math.max(0, retryAfter.toNanos())));
        }
        double ceiling = Math.min((double) maxNanos, baseDelay.toNanos() * Math.pow(2, Math.min(attempt - 1, 62)));
        double share = Math.min(Math.max(jitter.getAsDouble(), 0d), 1d);
        return Duration.ofNanos((long) (ceiling * share));
    }
}
