package com.chatnation.crm.application.staff;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private final AtomicLong nanos = new AtomicLong();
    private final LoginThrottle throttle = new LoginThrottle(5, 20, nanos::get);

    @Test
    void anAccountWaitsLongerAfterEachFailureBeyondTheFreeOnes() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.waitBefore("boss@acme.com", "10.0.0.1")).as("attempt %d", i + 1).isEmpty();
            throttle.failed("boss@acme.com", "10.0.0.1");
        }
        assertThat(throttle.waitBefore("BOSS@acme.com ", "10.0.0.2")).as("same account, any spelling, any address")
                .hasValue(Duration.ofSeconds(1));
        advance(Duration.ofMillis(1001));
        assertThat(throttle.waitBefore("boss@acme.com", "10.0.0.1")).isEmpty();
        throttle.failed("boss@acme.com", "10.0.0.1");
        assertThat(throttle.waitBefore("boss@acme.com", "10.0.0.1")).hasValue(Duration.ofSeconds(2));
        assertThat(throttle.waitBefore("other@acme.com", "10.0.0.1")).as("another account from that address").isEmpty();
    }

    @Test
    void theWaitIsCappedAtFifteenMinutesAndSuccessClearsTheAccount() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("boss@acme.com", "10.0.0." + i);
        }
        assertThat(throttle.waitBefore("boss@acme.com", "10.9.9.9")).hasValue(Duration.ofMinutes(15));
        throttle.succeeded("boss@acme.com");
        assertThat(throttle.waitBefore("boss@acme.com", "10.9.9.9")).isEmpty();
    }

    @Test
    void anAddressGuessingManyAccountsIsSlowedDownToo() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i + "@acme.com", "10.0.0.1");
        }
        assertThat(throttle.waitBefore("fresh@acme.com", "10.0.0.1")).hasValue(Duration.ofSeconds(1));
        assertThat(throttle.waitBefore("fresh@acme.com", "10.0.0.2")).isEmpty();
    }

    @Test
    void wrongPlatformKeysAreSlowedDownPerAddressApartFromStaffLogins() {
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.waitBeforeOperatorSignIn("10.0.0.1")).as("attempt %d", i + 1).isEmpty();
            throttle.operatorSignInFailed("10.0.0.1");
        }
        assertThat(throttle.waitBeforeOperatorSignIn("10.0.0.1")).hasValue(Duration.ofSeconds(1));
        assertThat(throttle.waitBeforeOperatorSignIn("10.0.0.2")).isEmpty();
        assertThat(throttle.waitBefore("boss@acme.com", "10.0.0.1")).as("staff logins from that address").isEmpty();
        advance(Duration.ofMillis(1001));
        throttle.operatorSignInFailed("10.0.0.1");
        assertThat(throttle.waitBeforeOperatorSignIn("10.0.0.1")).hasValue(Duration.ofSeconds(2));
    }

    @Test
    void failuresAreForgottenAfterFifteenQuietMinutes() {
        for (int i = 0; i < 8; i++) {
            throttle.failed("boss@acme.com", "10.0.0.1");
        }
        advance(Duration.ofMinutes(16));
        assertThat(throttle.waitBefore("boss@acme.com", "10.0.0.1")).isEmpty();
        throttle.failed("boss@acme.com", "10.0.0.1");
        assertThat(throttle.waitBefore("boss@acme.com", "10.0.0.1")).as("counting starts again").isEmpty();
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
