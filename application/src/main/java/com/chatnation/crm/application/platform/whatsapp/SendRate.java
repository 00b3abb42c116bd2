package com.chatnation.crm.application.platform.whatsapp;

/** The cap on how fast one WhatsApp number sends: each message takes a slot first. */
public interface SendRate {

    /** Blocks until one more message may be sent from {@code phoneNumberId}. */
    void acquire(String phoneNumberId) throws InterruptedException;
}
