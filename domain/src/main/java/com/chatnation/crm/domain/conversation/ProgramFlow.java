package com.chatnation.crm.domain.conversation;

import java.util.List;
import java.util.Optional;

/**
 * Content programs in a conversation. A program's join keyword subscribes the contact
 * ({@link ConversationEffect.JoinProgram}); "leave", "unsubscribe" or "stop" followed by the keyword unsubscribes
 * them ({@link ConversationEffect.LeaveProgram}). Subscribing twice or leaving a program one is not in change
 * nothing, so the answers do not depend on the outcome and go out at once. Replies are billed to the content module.
 */
final class ProgramFlow {

    static final String MODULE = "content";
    private static final List<String> LEAVE_WORDS = List.of("leave ", "unsubscribe ", "stop ");

    private ProgramFlow() {
    }

    /** The program the message asks to leave ("leave devotional"), if it names one. */
    static Optional<ProgramCatalog.ProgramOnOffer> toLeave(TurnContext context, String keyword) {
        for (String word : LEAVE_WORDS) {
            if (keyword.startsWith(word) && keyword.length() > word.length()) {
                return context.programs().programForKeyword(context.organizationId(),
                        keyword.substring(word.length()).strip());
            }
        }
        return Optional.empty();
    }

    static Turn join(ProgramCatalog.ProgramOnOffer program) {
        return Turn.idle().billedTo(MODULE).andThen(new ConversationEffect.JoinProgram(program.programId()))
                .say("You're subscribed to *" + program.name() + "*! It comes " + program.when()
                        + ". Send *leave " + program.keyword() + "* any time to stop.");
    }

    static Turn leave(ProgramCatalog.ProgramOnOffer program) {
        return Turn.idle().billedTo(MODULE).andThen(new ConversationEffect.LeaveProgram(program.programId()))
                .say("You've left *" + program.name() + "*: no more messages from it. Send *" + program.keyword()
                        + "* to join again.");
    }
}
