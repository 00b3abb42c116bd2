package com.chatnation.crm.application.polls;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.conversation.BotWords;
import com.chatnation.crm.domain.poll.ClosePoll;
import com.chatnation.crm.domain.poll.CreatePoll;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.UUID;

/** Creating and closing polls, for the API and the dashboard alike. */
@Service
class Polls {

    private final CommandGateway commands;
    private final JdbcPollCatalog catalog;

    Polls(CommandGateway commands, JdbcPollCatalog catalog) {
        this.commands = commands;
        this.catalog = catalog;
    }

    /** Creates the poll and answers its id; refuses a keyword a survey or an open poll already answers to. */
    String create(String organizationId, PollRequest request) {
        Instant now = Instant.now();
        String keyword = request.normalizedKeyword();
        if (keyword != null && BotWords.isReserved(keyword)) {
            throw PollRefusal.conflict("keyword_reserved", "the bot answers '" + keyword + "' itself (menu, cancel, "
                    + "tickets); choose another keyword");
        }
        if (keyword != null) {
            String taken = catalog.keywordTaken(organizationId, keyword, now);
            if (taken != null) {
                throw PollRefusal.conflict("keyword_taken", taken);
            }
        }
        String pollId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreatePoll(pollId, organizationId, request.question(), request.options(),
                request.opensAt(), request.closesAt(), Boolean.TRUE.equals(request.votesChangeable()), keyword,
                request.eventSessionId(), now));
        return pollId;
    }

    /** Closes the poll now and answers when. */
    Instant close(String organizationId, String pollId) {
        if (catalog.poll(organizationId, pollId).isEmpty()) {
            throw PollRefusal.notFound(pollId);
        }
        Instant now = Instant.now();
        try {
            commands.sendAndWait(new ClosePoll(pollId, organizationId, now));
            return now;
        } catch (DomainRuleViolation refused) {
            if ("poll_closed".equals(refused.code())) {
                throw PollRefusal.conflict(refused.code(), refused.getMessage());
            }
            throw refused;
        }
    }
}
