package com.chatnation.crm.projections.analytics;

import java.util.List;

/**
 * The step names {@link JourneyProjection} records in {@code journey_events}. Funnels are ordered lists of these
 * names; a custom funnel may name any step, so steps recorded later (signup, activation, trial, paid, ...) fit
 * without changing how funnels are defined.
 */
public final class JourneySteps {

    /** The contact's very first message to the organization (once per contact); source: ad, keyword or direct. */
    public static final String FIRST_MESSAGE = "first_message";
    /** A message arrived through a click-to-WhatsApp ad, post or product (any message, not only the first). */
    public static final String REFERRED = "referred";
    /** A new session began (the first message, or one after the previous session ended). */
    public static final String SESSION_STARTED = "session_started";
    /** The bot showed the main menu. */
    public static final String MENU_OPENED = "menu_opened";
    public static final String SURVEY_STARTED = "survey_started";
    /** detail: the question id. */
    public static final String QUESTION_ANSWERED = "question_answered";
    /** An optional question the contact chose to skip (questions skip logic jumped over are not steps). */
    public static final String QUESTION_SKIPPED = "question_skipped";
    public static final String SURVEY_COMPLETED = "survey_completed";
    /** detail: the question the response stopped at. */
    public static final String SURVEY_ABANDONED = "survey_abandoned";
    /** The contact was offered the events on sale. */
    public static final String TICKET_FLOW_ENTERED = "ticket_flow_entered";
    /** subject: the event chosen. */
    public static final String EVENT_CHOSEN = "event_chosen";
    public static final String TICKET_TYPE_CHOSEN = "ticket_type_chosen";
    public static final String QUANTITY_CHOSEN = "quantity_chosen";
    public static final String TICKETS_RESERVED = "tickets_reserved";
    public static final String TICKETS_PAID = "tickets_paid";
    public static final String PARTICIPANT_REGISTERED = "participant_registered";

    public static final List<String> ALL = List.of(FIRST_MESSAGE, REFERRED, SESSION_STARTED, MENU_OPENED, SURVEY_STARTED,
            QUESTION_ANSWERED, QUESTION_SKIPPED, SURVEY_COMPLETED, SURVEY_ABANDONED, TICKET_FLOW_ENTERED,
            EVENT_CHOSEN, TICKET_TYPE_CHOSEN, QUANTITY_CHOSEN, TICKETS_RESERVED, TICKETS_PAID, PARTICIPANT_REGISTERED);

    private JourneySteps() {
    }
}
