package com.chatnation.crm.application.platform.web;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Read tables follow the events a moment later. A page a change leads to waits for them, briefly, so the member sees
 * what they just did; past the wait the page shows what is there (the change appears on the next refresh).
 */
public final class ReadYourWrites {

    static final Duration WAIT = Duration.ofSeconds(5);

    private ReadYourWrites() {
    }

    /** Waits until {@code shown} holds, at most {@link #WAIT}; an interrupt ends the wait at once. */
    public static void await(BooleanSupplier shown) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!shown.getAsBoolean() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
