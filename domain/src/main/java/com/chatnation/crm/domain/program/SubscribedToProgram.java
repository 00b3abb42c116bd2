package com.chatnation.crm.domain.program;

import com.chatnation.crm.domain.privacy.DataSubject;

import java.time.Instant;
import java.util.List;

/**
 * The contact gets the program's items from now on, the series from after {@code startAfterSequence}.
 * {@code resubscribed} tells a returning subscriber from a new one, for the read models' counts.
 *
 * @param source how the contact came: {@link #KEYWORD}, {@link #MENU}, {@link #IMPORT} or {@link #AGENT}
 */
public record SubscribedToProgram(String subscriptionId, String programId, String organizationId,
                                  @DataSubject String contactId, String conversationId, String source,
                                  int startAfterSequence, boolean resubscribed, Instant at)
        implements ProgramSubscriptionEvent {

    /** The contact typed the program's join keyword. */
    public static final String KEYWORD = "keyword";
    /** The contact picked the program from a menu. */
    public static final String MENU = "menu";
    /** The organization imported a list of subscribers. */
    public static final String IMPORT = "import";
    /** Someone of the organization subscribed the contact. */
    public static final String AGENT = "agent";
    public static final List<String> SOURCES = List.of(KEYWORD, MENU, IMPORT, AGENT);
}
