package com.chatnation.crm.application.staff;

import java.time.Duration;

/** Login attempts for this account or from this address must wait a while ({@link LoginThrottle}). */
class TooManyAttempts extends RuntimeException {

    private final Duration wait;

    TooManyAttempts(Duration wait) {
        super("too many failed logins: try again in " + Math.max(1, wait.toSeconds()) + " s");
        this.wait = wait;
    }

    Duration waitFor() {
        return wait;
    }
}
