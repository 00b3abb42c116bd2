package com.chatnation.crm.application.platform.whatsapp;

import java.time.Duration;

/** Waits; replaced in tests by virtual time so backoff and rate limiting cost nothing. */
@FunctionalInterface
interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper real() {
        return duration -> {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            }
        };
    }
}
