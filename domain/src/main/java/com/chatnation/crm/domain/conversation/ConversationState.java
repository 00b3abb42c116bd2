package com.chatnation.crm.domain.conversation;

/**
 * Where a contact is in a flow. {@link #stateName()} is the seed's {@code current_state}; the ticket purchase
 * is one state with sub-steps, kept in {@link #step()} (and in {@code state_data.step}).
 */
public enum ConversationState {
    IDLE("idle", null, "general"),
    SURVEY_IN_PROGRESS("survey_in_progress", null, "surveys"),
    CHOOSING_EVENT("purchasing_ticket", "choosing_event", "events"),
    CHOOSING_TICKET_TYPE("purchasing_ticket", "choosing_ticket_type", "events"),
    CHOOSING_QUANTITY("purchasing_ticket", "choosing_quantity", "events"),
    CONFIRMING_PURCHASE("purchasing_ticket", "confirming", "events"),
    /** Asked whether to register for a free event (one without tickets). */
    CONFIRMING_REGISTRATION("registering_for_event", null, "events"),
    /** A person of the organization's team holds the conversation: the bot records the contact's messages, says nothing. */
    HANDED_OVER("handed_over", null, "inbox"),
    /** Shown a poll by its keyword: a typed number or option label is a vote. */
    ANSWERING_POLL("answering_poll", null, "polls"),
    /** Giving the inputs of a HypeCard, one at a time ({@code state_data.asking}). */
    MAKING_CARD("making_card", null, "hypecard"),
    /** Shown the sessions of an event's agenda day: a typed number or a tapped row shows one. */
    BROWSING_AGENDA("browsing_agenda", null, "events"),
    /** At a booth: asked whether to share their contact with the exhibitor ({@code state_data.exhibitorId}). */
    SHARING_LEAD("sharing_lead", "consent", "exhibitors"),
    /** Their contact shared: picking the exhibitor's product that interests them, or skipping. */
    CHOOSING_LEAD_PRODUCT("sharing_lead", "product", "exhibitors"),
    /** Their contact shared: typing a note for the exhibitor, or skipping. */
    LEAVING_LEAD_NOTE("sharing_lead", "note", "exhibitors");

    private final String stateName;
    private final String step;
    private final String module;

    ConversationState(String stateName, String step, String module) {
        this.stateName = stateName;
        this.step = step;
        this.module = module;
    }

    public String stateName() {
        return stateName;
    }

    public String step() {
        return step;
    }

    /** The seed's {@code current_module}: which module handles the contact in this state, and is billed for it. */
    public String module() {
        return module;
    }
}
