package com.chatnation.crm.domain.common;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs for identifiers that must be unique, not unguessable (sessions, replies,
 * reservations). {@link UUID#randomUUID()} draws from one shared SecureRandom whose lock every thread queues on,
 * which profiling showed as the largest wait on the message path.
 */
public final class Ids {

    private Ids() {
    }

    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L; // version 4
        long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L; // IETF variant
        return new UUID(most, least).toString();
    }
}
