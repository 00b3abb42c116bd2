package com.chatnation.crm.domain.conversation;

import java.util.Locale;
import java.util.Optional;

/**
 * What WhatsApp reports about a reply after sending it. Statuses only move forward: a "delivered" arriving
 * after "read" (webhooks are not ordered) changes nothing, and "failed" is overtaken only by "read".
 */
public enum DeliveryStatus {
    SENT(1), DELIVERED(2), FAILED(3), READ(4);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    public boolean isAfter(DeliveryStatus other) {
        return other == null || rank > other.rank;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Cloud API's status name; statuses this service does not track (such as "deleted") are empty. */
    public static Optional<DeliveryStatus> fromWire(String status) {
        if (status == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(status.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException untracked) {
            return Optional.empty();
        }
    }
}
