package com.chatnation.crm.domain.broadcast;

/** draft → scheduled → sending → completed, or cancelled from any of the first three. */
public enum BroadcastStatus {
    DRAFT, SCHEDULED, SENDING, COMPLETED, CANCELLED
}
