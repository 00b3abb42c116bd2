package com.chatnation.crm.domain.agenda;

/** What asking for a reminder did: scheduled it, or found it scheduled or sent already (asking again changes nothing). */
public enum ReminderOutcome {
    SCHEDULED, ALREADY_SCHEDULED, ALREADY_SENT
}
