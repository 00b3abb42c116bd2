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

    public static final List<String> ALL = List.of(MESSAGES_IN, MESSAGES_OUT, REPLIES_QUEUED, REPLIES_DELIVERED,
            REPLIES_READ, REPLIES_FAILED, REPLIES_EXPIRED, REPLIES_HELD, CONTACTS_NEW, CONTACTS_ACTIVE, CONVERSATIONS_STARTED, TOKENS_SPENT, SURVEYS_STARTED,
            SURVEYS_COMPLETED, SURVEYS_ABANDONED, TICKETS_RESERVED, TICKETS_SOLD, TICKETS_REVENUE);

    private RollupMetrics() {
    }
}
