package com.chatnation.crm.application.inbox;

import com.chatnation.crm.application.platform.security.Grants;
import com.chatnation.crm.application.platform.security.Permission;
import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.conversation.AddNote;
import com.chatnation.crm.domain.conversation.AgentReplyQueued;
import com.chatnation.crm.domain.conversation.AssignConversation;
import com.chatnation.crm.domain.conversation.CloseConversation;
import com.chatnation.crm.domain.conversation.ConversationEffect;
import com.chatnation.crm.domain.conversation.HandBackToBot;
import com.chatnation.crm.domain.conversation.ReplyAsAgent;
import com.chatnation.crm.domain.conversation.TakeOverConversation;
import com.chatnation.crm.domain.survey.AbandonSurveyResponse;
import com.chatnation.crm.domain.template.MessageTemplate;
import com.chatnation.crm.domain.template.TemplateContent;
import com.chatnation.crm.projections.queries.Cursor;
import com.chatnation.crm.projections.queries.InboxQueries;
import com.chatnation.crm.projections.queries.InboxQueries.Filter;
import com.chatnation.crm.projections.queries.InboxQueries.InboxItem;
import com.chatnation.crm.projections.queries.InboxQueries.NoteRow;
import com.chatnation.crm.projections.queries.InboxQueries.TranscriptMessage;
import com.chatnation.crm.projections.queries.Page;
import com.chatnation.crm.projections.queries.TemplateQueries;
import com.chatnation.crm.projections.queries.TemplateQueries.TemplateRow;
import com.chatnation.crm.projections.staff.StaffDirectory;
import com.chatnation.crm.projections.staff.StaffMemberRow;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the organization's team does with its contacts' conversations: lists by who holds them, one conversation with
 * its notes and transcript, and the agent's actions on it. Every method is scoped to the caller's organization: a
 * session of another organization (or none) is a 404. {@code agentId} is always the staff member acting; the
 * conversation itself decides what may happen ({@code Conversation}), and its refusals are 422s with their codes.
 * Reads come from the read tables, which follow the events within moments.
 */
@Service
class InboxService {

    /** How many of a conversation's notes its detail shows (the newest). */
    static final int NOTES_SHOWN = 200;
    /** The reason recorded when an agent closes a session. */
    static final String CLOSED_BY_AGENT = "closed_by_agent";
    /** The survey's own code when it had already ended: nothing is left to abandon. */
    private static final String RESPONSE_CLOSED = "survey_response_closed";

    private final CommandGateway commands;
    private final InboxQueries inbox;
    private final StaffDirectory staff;
    private final TemplateQueries templates;
    private final TransactionalRetry transaction;
    private final Clock clock = Clock.systemUTC();

    InboxService(CommandGateway commands, InboxQueries inbox, StaffDirectory staff, TemplateQueries templates,
                 TransactionalRetry transaction) {
        this.commands = commands;
        this.inbox = inbox;
        this.staff = staff;
        this.templates = templates;
        this.transaction = transaction;
    }

    /** A conversation with what the team needs to answer it. */
    public record Detail(InboxItem conversation, List<NoteRow> notes, Page<TranscriptMessage> transcript) {
    }

    /** @param agentId the caller; required for {@link Filter#MINE} */
    public Page<InboxItem> list(String organizationId, Filter filter, String agentId, Cursor after, int limit) {
        if (filter == Filter.MINE && agentId == null) {
            throw InboxRefusal.agentRequired();
        }
        return inbox.list(organizationId, filter, agentId, after, limit);
    }

    /** The session, its notes and a page of its transcript (oldest first, from {@code after}). */
    public Detail detail(String organizationId, String sessionId, Cursor after, int limit) {
        InboxItem conversation = session(organizationId, sessionId);
        return new Detail(conversation, inbox.notes(organizationId, sessionId, NOTES_SHOWN),
                inbox.transcript(organizationId, sessionId, after, limit));
    }

    public void takeOver(String organizationId, String sessionId, String agentId) {
        InboxItem session = session(organizationId, sessionId);
        runEffects(() -> commands.sendAndWait(new TakeOverConversation(session.conversationId(), sessionId,
                agent(agentId), clock.instant())));
    }

    /** The agent must be an active member of the organization who may answer conversations. */
    public void assign(String organizationId, String sessionId, String agentId, String assignedBy) {
        InboxItem session = session(organizationId, sessionId);
        agent(assignedBy);
        if (agentId == null || agentId.isBlank()) {
            throw InboxRefusal.invalid("agentId: the staff member to assign is required");
        }
        StaffMemberRow member = staff.memberOf(organizationId, agentId).orElse(null);
        if (member == null || !member.active()
                || !Grants.ofRoles(member.roles()).contains(Permission.CONVERSATIONS_WRITE)) {
            throw new InboxRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "invalid_agent", "staff member " + agentId
                    + " is not an active member of this organization who answers conversations");
        }
        runEffects(() -> commands.sendAndWait(new AssignConversation(session.conversationId(), sessionId, agentId,
                assignedBy, clock.instant())));
    }

    /**
     * A free-form reply, inside the contact's 24-hour window (422 {@code window_closed} outside it). A conversation
     * the bot holds is taken over by the agent first.
     *
     * @return the reply's id (its transcript row, once the read model has it)
     */
    public String reply(String organizationId, String sessionId, String agentId, String text) {
        InboxItem session = session(organizationId, sessionId);
        return send(new ReplyAsAgent(session.conversationId(), agent(agentId), text, null, clock.instant()));
    }

    /**
     * An approved template, for a contact whose window has closed (422 {@code window_open} while it is open). The
     * reply goes out as the template through the reply dispatcher's re-engagement, so only a template a reply alone
     * can fill is accepted: no header or button parameters and at most one body parameter, whose value is the one
     * element of {@code parameters}; it is charged at the template's category price ({@code templates/<category>}).
     *
     * @return the reply's id
     */
    public String replyWithTemplate(String organizationId, String sessionId, String agentId, String templateId,
                                    List<String> parameters) {
        InboxItem session = session(organizationId, sessionId);
        String agent = agent(agentId);
        TemplateRow template = templates.template(organizationId, templateId).filter(t -> t.deletedAt() == null)
                .orElseThrow(() -> new InboxRefusal(HttpStatus.NOT_FOUND, "not_found", "no template " + templateId));
        if (!MessageTemplate.APPROVED.equals(template.status())) {
            throw new InboxRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "template_not_approved", "template '"
                    + template.name() + "' (" + template.language() + ") is " + template.status()
                    + "; only an APPROVED template can be sent");
        }
        TemplateContent content = template.content();
        if (content == null || content.hasMediaHeader() || !content.headerParameters().isEmpty()
                || !content.parameterisedButtons().isEmpty() || content.bodyParameters().size() > 1) {
            throw new InboxRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "template_not_sendable", "template '"
                    + template.name() + "' takes header, button or several body parameters; a reply from the inbox "
                    + "sends templates with at most one body parameter");
        }
        List<String> values = parameters == null ? List.of() : parameters;
        if (values.size() != content.bodyParameters().size()) {
            throw new InboxRefusal(HttpStatus.BAD_REQUEST, "invalid_parameters", "template '" + template.name()
                    + "' takes " + content.bodyParameters().size() + " body parameter(s), got " + values.size());
        }
        if (values.stream().anyMatch(value -> value == null || value.isBlank())) {
            throw new InboxRefusal(HttpStatus.BAD_REQUEST, "invalid_parameters", "a parameter cannot be empty");
        }
        // what the transcript shows: the parameter the template is filled with, or the template's own text
        String text = values.isEmpty() ? content.body() : values.get(0);
        return send(new ReplyAsAgent(session.conversationId(), agent, text, template.name(), clock.instant()));
    }

    /** @return the note's id */
    public String note(String organizationId, String sessionId, String agentId, String text) {
        InboxItem session = session(organizationId, sessionId);
        return commands.sendAndWait(new AddNote(session.conversationId(),
                sessionId, agent(agentId), text, clock.instant()));
    }

    public void handBack(String organizationId, String sessionId, String agentId) {
        InboxItem session = session(organizationId, sessionId);
        commands.sendAndWait(new HandBackToBot(session.conversationId(), sessionId, agent(agentId), clock.instant()));
    }

    public void close(String organizationId, String sessionId, String agentId) {
        InboxItem session = session(organizationId, sessionId);
        runEffects(() -> commands.sendAndWait(new CloseConversation(session.conversationId(), sessionId,
                agent(agentId), CLOSED_BY_AGENT, clock.instant())));
    }

    private String send(ReplyAsAgent command) {
        AgentReplyQueued queued = transaction.inTransaction(() -> {
            AgentReplyQueued result = commands.sendAndWait(command);
            abandonSurveys(result.effects());
            return result;
        });
        return queued.replyId();
    }

    /**
     * Runs the command and what it asks of other aggregates in one transaction. The only effect an agent's action
     * has is leaving a survey under way, recorded on the survey's response as the bot's flows do.
     */
    private void runEffects(Supplier<List<ConversationEffect>> command) {
        transaction.inTransaction(() -> abandonSurveys(command.get()));
    }

    private void abandonSurveys(List<ConversationEffect> effects) {
        for (ConversationEffect effect : effects) {
            if (!(effect instanceof ConversationEffect.AbandonSurvey abandon)) {
                throw new IllegalStateException("an agent's action asked for " + effect);
            }
            try {
                commands.sendAndWait(new AbandonSurveyResponse(abandon.responseId(), abandon.reason()));
            } catch (DomainRuleViolation refused) {
                if (!RESPONSE_CLOSED.equals(refused.code())) {
                    throw refused;
                }
            }
        }
    }

    private InboxItem session(String organizationId, String sessionId) {
        return inbox.item(organizationId, sessionId)
                .orElseThrow(() -> InboxRefusal.noSuchConversation(sessionId));
    }

    private static String agent(String agentId) {
        if (agentId == null || agentId.isBlank()) {
            throw InboxRefusal.agentRequired();
        }
        return agentId;
    }
}
