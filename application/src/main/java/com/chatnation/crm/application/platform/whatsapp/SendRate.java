package com.chatnation.crm.application.platform.whatsapp;

/** The cap on how fast one WhatsApp number sends: each message takes a slot first. */
public interface SendRate {

    /** Blocks until one more message may be sent from {@code phoneNumberId}. */
    void acquire(String phoneNumberId) throws InterruptedException;

    /**
     * Blocks until the number has a slot nobody else is waiting for: bulk sends (broadcasts) take what the bot's
     * replies leave, so a running broadcast never makes a live conversation wait. The default (one process, no
     * sharing) is an ordinary slot.
     */
    default void acquireSpare(String phoneNumberId) throws InterruptedException {
        acquire(phoneNumberId);
    }
}
