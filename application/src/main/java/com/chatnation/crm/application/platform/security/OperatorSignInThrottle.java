package com.chatnation.crm.application.platform.security;

import java.time.Duration;
import java.util.Optional;

/**
 * Slows down guessing at the platform operator's sign-in form, per client address, with the same doubling waits as
 * staff logins. Implemented by the staff slice, which owns the login throttle. There is no per-account count: the
 * operator is one account, and counting failures against it would let anyone lock the operator out.
 */
public interface OperatorSignInThrottle {

    /** How long attempts from this address must still wait before a key is looked at, if at all. */
    Optional<Duration> waitBeforeOperatorSignIn(String clientAddress);

    /** A wrong key came from this address. */
    void operatorSignInFailed(String clientAddress);
}
