package com.chatnation.crm.application.polls;

import com.chatnation.crm.application.contacts.AudienceDefinitions;
import com.chatnation.crm.projections.queries.AudienceCondition;
import com.chatnation.crm.domain.conversation.ConversationId;
import com.chatnation.crm.domain.conversation.PollBallots;
import com.chatnation.crm.domain.conversation.PollCatalog;
import com.chatnation.crm.domain.conversation.SendNotification;
import com.chatnation.crm.projections.queries.AudienceQueries;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Sends an open poll to a saved audience as its ballot (buttons or a list), so contacts vote with a tap wherever they
 * are in the conversation. It goes to contacts who have written to the organization, as a notification of their
 * conversation: inside the 24-hour window as the ballot, outside it as the re-engagement template named (or not at
 * all without one), billed {@code polls/send_poll}. Contacts who opted out of marketing are left out.
 */
@Component
class PollSends {

    /** The module the conversation's own poll replies are billed to. */
    static final String MODULE = "polls";
    static final String ACTION = "send_poll";
    /** Sent in the request: beyond this a broadcast of a template carrying the poll's link is the tool. */
    static final int MAX_RECIPIENTS = 5_000;

    private final PollCatalog polls;
    private final AudienceDefinitions audiences;
    private final AudienceQueries members;
    private final CommandGateway commands;
    private final TransactionTemplate transaction;

    PollSends(PollCatalog polls, AudienceDefinitions audiences, AudienceQueries members, CommandGateway commands,
              TransactionTemplate transaction) {
        this.polls = polls;
        this.audiences = audiences;
        this.members = members;
        this.commands = commands;
        this.transaction = transaction;
    }

    /** How a send went: ballots queued, and contacts left out (opted out, or never wrote so have no conversation). */
    record Outcome(int sent, int optedOut, int neverWrote) {
    }

    Outcome send(String organizationId, String pollId, UUID audienceId, String reengageTemplate, Instant now) {
        PollCatalog.PollOnOffer poll = polls.poll(organizationId, pollId).orElseThrow(() -> PollRefusal.notFound(pollId));
        if (poll.closedAt() != null || poll.closesAt() != null && !now.isBefore(poll.closesAt())) {
            throw PollRefusal.conflict("poll_closed", "the poll has closed: there is nothing to vote in");
        }
        if (now.isBefore(poll.opensAt())) {
            throw PollRefusal.conflict("poll_not_open", "the poll opens at " + poll.opensAt() + ": send it then");
        }
        List<AudienceCondition> conditions = audiences.conditions(organizationId, audienceId)
                .orElseThrow(() -> new PollRefusal.UnknownAudience(audienceId));
        List<UUID> recipients = new ArrayList<>();
        int[] optedOut = {0};
        int[] neverWrote = {0};
        transaction.executeWithoutResult(status -> members.forEachRecipient(organizationId, conditions, Set.of(),
                recipient -> {
                    if (Boolean.FALSE.equals(recipient.marketingConsent())) {
                        optedOut[0]++;
                    } else if (!recipient.wrote()) {
                        neverWrote[0]++;
                    } else {
                        recipients.add(recipient.contactId());
                    }
                }));
        if (recipients.size() > MAX_RECIPIENTS) {
            throw PollRefusal.conflict("audience_too_large", recipients.size() + " contacts: a poll is sent to at most "
                    + MAX_RECIPIENTS + "; send a template broadcast with the poll's keyword to a larger audience");
        }
        int sent = 0;
        for (UUID contactId : recipients) {
            try {
                commands.sendAndWait(new SendNotification(ConversationId.of(organizationId, contactId.toString()),
                        MODULE, ACTION, PollBallots.of(poll), reengageTemplate));
                sent++;
            } catch (AggregateNotFoundException | com.chatnation.crm.domain.common.DomainRuleViolation gone) {
                neverWrote[0]++; // erased since, or a conversation of another shape: nobody to send to
            }
        }
        return new Outcome(sent, optedOut[0], neverWrote[0]);
    }
}
