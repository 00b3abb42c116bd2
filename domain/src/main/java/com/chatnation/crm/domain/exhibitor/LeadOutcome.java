package com.chatnation.crm.domain.exhibitor;

/** What capturing a lead did: a new lead, or a visitor already known to the exhibitor coming back. */
public enum LeadOutcome {
    CAPTURED, REVISITED
}
