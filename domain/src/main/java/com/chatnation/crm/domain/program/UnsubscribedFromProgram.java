package com.chatnation.crm.domain.program;

import com.chatnation.crm.domain.privacy.DataSubject;

import java.time.Instant;
import java.util.List;

/**
 * The contact gets nothing more from the program. {@code subscribedAt} is when this subscription started, so a read
 * model counts the contacts who left within N days of joining without keeping every join.
 */
public record UnsubscribedFromProgram(String subscriptionId, String programId, String organizationId,
                                      @DataSubject String contactId, String reason, Instant subscribedAt,
                                      Instant at) implements ProgramSubscriptionEvent {

    /** The contact left by typing a keyword. */
    public static final String KEYWORD = "keyword";
    /** Someone of the organization ended the subscription. */
    public static final String AGENT = "agent";
    /** The contact opted out of all messages from the organization. */
    public static final String OPTED_OUT = "opted_out";
    /** The contact was erased. */
    public static final String ERASED = "erased";
    /** The program ended. */
    public static final String PROGRAM_ARCHIVED = "program_archived";
    public static final List<String> REASONS = List.of(KEYWORD, AGENT, OPTED_OUT, ERASED, PROGRAM_ARCHIVED);
}
