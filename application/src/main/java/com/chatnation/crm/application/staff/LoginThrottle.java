package com.chatnation.crm.application.staff;

import com.chatnation.crm.application.platform.security.OperatorSignInThrottle;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Slows down password guessing, per account and per client address: after a number of failed logins in a row
 * (5 for an account, 20 for an address, since an office shares one), each further attempt must wait twice as long
 * as the one before (1 s, 2 s, 4 s, … up to 15 minutes), and is refused without looking at the password until
 * then. A successful login clears its account's count; a count is forgotten after 15 minutes without failures.
 * Kept in memory: with several instances, each slows a guesser down on its own.
 *
 * <p>The platform operator's sign-in form is throttled the same way per address, on counts of its own: an office's
 * mistyped staff passwords must not hold the operator up, nor the reverse.
 */
@Component
class LoginThrottle implements OperatorSignInThrottle {

    private static final Duration MAX_WAIT = Duration.ofMinutes(15);

    private record Failures(int count, long lastNanos, int free) {
    }

    private final Cache<String, Failures> failures;
    private final Ticker ticker;
    private final int freePerAccount;
    private final int freePerAddress;

    @Autowired
    LoginThrottle(@Value("${crm.security.login.free-attempts:5}") int freePerAccount,
                  @Value("${crm.security.login.free-attempts-per-address:20}") int freePerAddress) {
        this(freePerAccount, freePerAddress, Ticker.systemTicker());
    }

    LoginThrottle(int freePerAccount, int freePerAddress, Ticker ticker) {
        this.freePerAccount = freePerAccount;
        this.freePerAddress = freePerAddress;
        this.ticker = ticker;
        this.failures = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(MAX_WAIT).ticker(ticker).build();
    }

    /** How long the caller must still wait before another attempt is looked at, if at all. */
    Optional<Duration> waitBefore(String login, String address) {
        long now = ticker.read();
        return Stream.of(accountKey(login), addressKey(address))
                .map(failures::getIfPresent)
                .filter(Objects::nonNull)
                .map(f -> Duration.ofNanos(f.lastNanos() + delay(f.count(), f.free()).toNanos() - now))
                .filter(wait -> !wait.isNegative() && !wait.isZero())
                .max(Duration::compareTo);
    }

    void failed(String login, String address) {
        long now = ticker.read();
        count(accountKey(login), now, freePerAccount);
        count(addressKey(address), now, freePerAddress);
    }

    private void count(String key, long now, int free) {
        failures.asMap().merge(key, new Failures(1, now, free), (old, one) -> new Failures(old.count() + 1, now, free));
    }

    @Override
    public Optional<Duration> waitBeforeOperatorSignIn(String clientAddress) {
        Failures counted = failures.getIfPresent(operatorKey(clientAddress));
        if (counted == null) {
            return Optional.empty();
        }
        Duration wait = Duration.ofNanos(counted.lastNanos() + delay(counted.count(), counted.free()).toNanos()
                - ticker.read());
        return wait.isNegative() || wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    @Override
    public void operatorSignInFailed(String clientAddress) {
        count(operatorKey(clientAddress), ticker.read(), freePerAddress);
    }

    void succeeded(String login) {
        failures.invalidate(accountKey(login));
    }

    private static Duration delay(int count, int free) {
        if (count < free) {
            return Duration.ZERO;
        }
        int doublings = Math.min(count - free, 20);
        Duration wait = Duration.ofSeconds(1L << doublings);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    private static String accountKey(String login) {
        return "account:" + (login == null ? "" : login.strip().toLowerCase(Locale.ROOT));
    }

    private static String operatorKey(String address) {
        return "operator-address:" + address;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
