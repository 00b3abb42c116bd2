package com.chatnation.crm.projections.analytics;

import java.util.List;

/** The metric names of {@code daily_rollups}, and what their dimension holds. */
public final class RollupMetrics {

    /** Messages contacts sent; dimension: the content type (text, button_reply, image, ...). */
    public static final String MESSAGES_IN = "messages.in";
    /** Replies WhatsApp accepted; no dimension. */
    public static final String MESSAGES_OUT = "messages.out";
    /** Replies the bot decided to send; dimension: the module billed. */
    public static final String REPLIES_QUEUED = "replies.queued";
    /** Replies WhatsApp refused for good; dimension: the error code. */
    public static final String REPLIES_FAILED = "replies.failed";
    /** Replies WhatsApp reported delivered; no dimension. */
    public static final String REPLIES_DELIVERED = "replies.delivered";
    /** Replies WhatsApp reported read; no dimension. */
    public static final String REPLIES_READ = "replies.read";
    /** Replies never sent because the contact's 24-hour window had closed; dimension: the reason. */
    public static final String REPLIES_EXPIRED = "replies.expired";
    /** Replies waiting for tokens; dimension: the reason. */
    public static final String REPLIES_HELD = "replies.held";
    /** Contacts seen for the first time. */
    public static final String CONTACTS_NEW = "contacts.new";
    /** Contacts who sent at least one message that day. */
    public static final String CONTACTS_ACTIVE = "contacts.active";
    public static final String CONVERSATIONS_STARTED = "conversations.started";
    /** Tokens charged; dimension: {@code module/action}. */
    public static final String TOKENS_SPENT = "tokens.spent";
    /** dimension: the survey id. */
    public static final String SURVEYS_STARTED = "surveys.started";
    public static final String SURVEYS_COMPLETED = "surveys.completed";
    public static final String SURVEYS_ABANDONED = "surveys.abandoned";
    /** Tickets held; value: the quantity; dimension: the event id. */
    public static final String TICKETS_RESERVED = "tickets.reserved";
    /** Tickets issued (paid); value: the number of tickets; dimension: the event id. */
    public static final String TICKETS_SOLD = "tickets.sold";
    /** Paid ticket totals; dimension: the currency. */
    public static final String TICKETS_REVENUE = "tickets.revenue";
    /** Broadcasts started; value 1 each, no dimension. */
    public static final String BROADCASTS_STARTED = "broadcasts.started";
    /**
     * Contacts a started broadcast is to be sent to (those left out at the start are not included); value: the
     * broadcast's recipients; no dimension.
     */
    public static final String BROADCASTS_RECIPIENTS = "broadcasts.recipients";
    /**
     * Broadcast recipients reaching a stage; dimension: {@code queued}, {@code suppressed}, {@code sent},
     * {@code delivered}, {@code read}, {@code failed} or {@code replied}. A recipient counts once in each stage it
     * reaches, so one read after a delivery counts in both.
     */
    public static final String BROADCAST_MESSAGES = "broadcast_messages";
    /**
     * Template messages sent, by broadcasts and one at a time; dimension: the template's category in lower case
     * ({@code marketing}, {@code utility}, {@code authentication}), {@code unknown} when it was not recorded.
     * A single send is counted from its charge: a free one is not counted, and one refunded because WhatsApp
     * refused it still is.
     */
    public static final String TEMPLATES_SENT = "templates.sent";
    /**
     * Conversations handed to the organization's team; value 1 each; dimension: why ({@code contact_asked},
     * {@code bot_could_not_help}, {@code agent_took_over}).
     */
    public static final String INBOX_HANDOVERS = "inbox.handovers";
    /**
     * The team's first response after a handover; value: seconds from the handover to that reply, facts: how many
     * handovers were answered, so the average is value / facts; no dimension.
     */
    public static final String INBOX_FIRST_RESPONSE_SECONDS = "inbox.first_response_seconds";
    /**
     * Handovers the team resolved; value: seconds from the handover to its end, facts: how many; dimension: how it
     * ended ({@code handed_back} to the bot, or {@code closed}). A handover left to expire is not counted.
     */
    public static final String INBOX_RESOLUTION_SECONDS = "inbox.resolution_seconds";

    public static final List<String> ALL = List.of(MESSAGES_IN, MESSAGES_OUT, REPLIES_QUEUED, REPLIES_DELIVERED,
            REPLIES_READ, REPLIES_FAILED, REPLIES_EXPIRED, REPLIES_HELD, CONTACTS_NEW, CONTACTS_ACTIVE, CONVERSATIONS_STARTED, TOKENS_SPENT, SURVEYS_STARTED,
            SURVEYS_COMPLETED, SURVEYS_ABANDONED, TICKETS_RESERVED, TICKETS_SOLD, TICKETS_REVENUE, BROADCASTS_STARTED,
            BROADCASTS_RECIPIENTS, BROADCAST_MESSAGES, TEMPLATES_SENT, INBOX_HANDOVERS, INBOX_FIRST_RESPONSE_SECONDS,
            INBOX_RESOLUTION_SECONDS);

    private RollupMetrics() {
    }
}
