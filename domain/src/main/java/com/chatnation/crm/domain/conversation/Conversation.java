package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.messaging.OutboundReply;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import com.chatnation.crm.domain.common.Ids;
import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A contact's dialogue with one organization's bot: which session is open, where the contact is in a flow,
 * and every message and reply. Decisions come from {@link Transitions}; this class only records them.
 */
public class Conversation {

    public static final String INACTIVITY_DEADLINE = "conversation-inactivity";
    /** The price list's module and action of a reply a person of the organization's team wrote. */
    public static final String INBOX_MODULE = "inbox";
    public static final String AGENT_REPLY_ACTION = "agent_reply";
    /** WhatsApp's limit on a text message's body. */
    public static final int MAX_REPLY_LENGTH = 4096;
    public static final int MAX_NOTE_LENGTH = 2000;
    static final String NO_ACTIVE_CONVERSATION = "no_active_conversation";
    /** Message ids remembered to drop redeliveries; WhatsApp redelivers within hours, not thousands of messages later. */
    private static final int REMEMBERED_MESSAGE_IDS = 500;

    @AggregateIdentifier
    private String conversationId;
    private String organizationId;
    @DataSubject
    private String contactId;
    /** Kept for replies; sealed in snapshots like in events. */
    @PersonalData
    private String contactPhone;
    private String sessionId;
    private String lastSessionId;
    private ConversationState state = ConversationState.IDLE;
    private Map<String, String> stateData = new LinkedHashMap<>();
    private Instant lastActivityAt;
    private Duration inactivityTimeout;
    private LinkedHashSet<String> recentMessageIds = new LinkedHashSet<>();
    private Set<String> openReplies = new HashSet<>();
    private boolean erased;
    /** Delivery status of recent replies; older ones are settled long before a status about them could arrive. */
    private LinkedHashMap<String, DeliveryStatus> recentDeliveries = new LinkedHashMap<>();
    /** 24 hours after the contact's latest message (never ours); null until they first write. */
    private Instant windowClosesAt;
    /*
     * Marketing consent lives in the contact's own stream rather than an aggregate of its own: the opt-out words
     * arrive as messages of this conversation and must leave its flow in the same decision, the stream is already
     * one per organization and contact, and every consent change is then ordered with the contact's messages.
     * Null: the contact never said.
     */
    private Boolean marketingOptIn;
    private Instant consentChangedAt;
    /* While a person of the organization's team holds the session (state HANDED_OVER): since when, who answers it,
     * and whether the team has replied yet (for the first response time). */
    private Instant handedOverAt;
    private String assignedAgentId;
    private boolean teamReplied;

    protected Conversation() {
        // required by the event-sourcing repository, and the creation policy below
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public List<ConversationEffect> handle(ReceiveMessage command, SurveyCatalog surveys, EventCatalog events,
                                           PollCatalog polls, KnowledgeCatalog knowledge, CardCatalog cards,
                                           ProgramCatalog programs, AgendaCatalog agenda,
                                           ExhibitorCatalog exhibitors, ConsentWordsCatalog consentWords,
                                           HandoverSettingsCatalog handover, DeadlineManager deadlines) {
        if (command.inactivityTimeout() == null || command.inactivityTimeout().isNegative()
                || command.inactivityTimeout().isZero()) {
            throw new DomainRuleViolation("invalid_timeout", "inactivity timeout must be positive");
        }
        if (erased) {
            // Only a message racing the erasure gets here: the directory no longer knows the number, so the
            // message's retry starts a new contact.
            throw new ContactWasErased(conversationId);
        }
        if (recentMessageIds.contains(command.messageId())) {
            return List.of();
        }
        List<ConversationEffect> effects = new ArrayList<>();
        if (sessionId != null && timedOut(command.sentAt())) {
            effects.addAll(expire());
        }
        boolean newSession = sessionId == null;
        if (newSession) {
            apply(new ConversationStarted(command.conversationId(), Ids.newId(),
                    command.organizationId(), command.contactId(), command.contact().e164(), command.profileName(), command.sentAt(),
                    command.inactivityTimeout()));
        }
        apply(new MessageReceived(conversationId, sessionId, organizationId, contactId, contactPhone, command.messageId(),
                command.sentAt(), command.content(), command.context(), command.profileName()));

        Turn turn = Transitions.STANDARD.next(new TurnContext(organizationId, conversationId, state,
                Map.copyOf(stateData), command.messageId(), command.content(), command.sentAt(), surveys, events,
                polls, knowledge, cards, programs, agenda, exhibitors, Ids::newId, consentWords.consentWords(command.organizationId()),
                handover.handoverSettings(command.organizationId())));
        record(turn, command.messageId(), command.sentAt());
        effects.addAll(turn.effects());

        if (newSession) {
            armInactivityDeadline(deadlines);
        }
        return effects;
    }

    @CommandHandler
    public List<ConversationEffect> handle(EraseContact command) {
        if (erased) {
            return List.of();
        }
        if (command.contactId() == null || !command.contactId().equals(contactId)) {
            throw new DomainRuleViolation("wrong_contact", "conversation " + conversationId
                    + " is not the conversation of contact " + command.contactId());
        }
        List<ConversationEffect> effects = sessionId == null ? List.of() : leaveFlow("erased");
        apply(new ContactErased(conversationId, currentOrLastSession(), organizationId, contactId,
                command.reason(), command.requestedAt()));
        return effects;
    }

    @CommandHandler
    public void handle(RecordSurveyStep command) {
        if (state != ConversationState.SURVEY_IN_PROGRESS
                || !Objects.equals(stateData.get(SurveyFlow.RESPONSE_ID), command.responseId())) {
            return; // the contact already left that survey; its late outcome changes nothing here
        }
        record(SurveyFlow.stepTaken(stateData, command.step()), null, null);
    }

    @CommandHandler
    public void handle(RecordTicketReservation command) {
        if (state != ConversationState.CONFIRMING_PURCHASE
                || !Objects.equals(stateData.get(TicketFlow.RESERVATION_ID), command.reservationId())) {
            return;
        }
        record(TicketFlow.reservationRecorded(command.reservationId(), command.outcome()), null, null);
    }

    @CommandHandler
    public void handle(RecordEventRegistration command) {
        if (state != ConversationState.CONFIRMING_REGISTRATION
                || !Objects.equals(stateData.get(TicketFlow.EVENT_ID), command.eventId())) {
            return;
        }
        record(TicketFlow.registrationRecorded(command.outcome()), null, null);
    }

    @CommandHandler
    public void handle(RecordReservationCancellation command) {
        if (erased || sessionId == null || state == ConversationState.HANDED_OVER) {
            return; // the contact left, or a person holds the conversation: the team answers, not the bot
        }
        record(TicketFlow.cancellationRecorded(state, stateData, command.outcome()), null, null);
    }

    @CommandHandler
    public void handle(RecordPollVote command) {
        if (erased || sessionId == null || state == ConversationState.HANDED_OVER) {
            return; // the contact left (erased, session over) or a person holds the conversation: nothing to say
        }
        record(PollFlow.voteRecorded(state, stateData, command.pollId(), command.outcome()), null, null);
    }

    @CommandHandler
    public void handle(RecordKnowledgeAnswer command, HandoverSettingsCatalog handover) {
        if (erased || sessionId == null || state != ConversationState.IDLE) {
            return; // the contact moved on (erased, session over, a person took it): the answer would be out of place
        }
        Instant at = command.askedAt() != null ? command.askedAt() : lastActivityAt;
        record(KnowledgeFlow.answered(stateData, command.queryId(), command.answer(),
                handover.handoverSettings(organizationId), at), null, at);
    }

    /** A card the contact asked for is ready (or could not be made): it goes out whatever they are doing now. */
    @CommandHandler
    public void handle(DeliverCard command) {
        if (erased) {
            return; // erased while the card was being drawn: there is nobody to send it to
        }
        Turn turn = CardFlow.delivered(state, stateData, command);
        if (sessionId == null) {
            // the session ended while the card was drawn: it goes out like a notification, in the last session
            for (OutboundReply reply : turn.replies()) {
                apply(new ReplyQueued(conversationId, currentOrLastSession(), organizationId, contactId, contactPhone,
                        Ids.newId(), turn.billedAs().module(), turn.billedAs().action(), reply, null, windowClosesAt,
                        null));
            }
            return;
        }
        record(turn, null, null);
    }

    /** A file of the contact's kept by the service; nothing is recorded once the contact is erased. */
    @CommandHandler
    public void handle(RecordMediaStored command) {
        if (!erased) {
            apply(new MediaStored(conversationId, currentOrLastSession(), organizationId, contactId,
                    command.messageId(), command.mediaId(), command.storageKey(), command.mimeType(),
                    command.sizeBytes(), command.sha256(), command.storedAt()));
        }
    }

    @CommandHandler
    public void handle(RecordMediaLost command) {
        if (!erased) {
            apply(new MediaLost(conversationId, currentOrLastSession(), organizationId, contactId,
                    command.messageId(), command.mediaId(), command.reason(), command.at()));
        }
    }

    @CommandHandler
    public String handle(SendNotification command) {
        if (erased) {
            throw erasedContact();
        }
        if (command.reengageTemplate() != null && command.reengageTemplate().isBlank()) {
            throw new DomainRuleViolation("invalid_reengage_template",
                    "a template to re-engage with is named, or null for none");
        }
        String replyId = Ids.newId();
        apply(new ReplyQueued(conversationId, currentOrLastSession(), organizationId, contactId, contactPhone, replyId,
                command.module(), command.action(), command.reply(), null, windowClosesAt,
                command.reengageTemplate()));
        return replyId;
    }

    /** Records that a reply could not go out free-form; a reply already settled is left alone. */
    @CommandHandler
    public void handle(ExpireReply command) {
        if (command.reason() == null || command.reason().isBlank()) {
            throw new DomainRuleViolation("invalid_expiry", "the reason a reply expired is required");
        }
        if (requireKnownReply(command.replyId())) {
            apply(new ReplyExpired(conversationId, currentOrLastSession(), organizationId, contactId,
                    command.replyId(), command.reason(), windowClosesAt));
        }
    }

    /**
     * Consent stated outside the conversation's words (Meta's preferences, a 131050 refusal, the API). The contact
     * may never have written, so this may start their stream; a statement older than the last one changes nothing,
     * so a late webhook cannot undo what the contact said since.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordMarketingConsent command) {
        if (command.organizationId() == null || command.contactId() == null || command.at() == null
                || command.source() == null || command.source().isBlank()) {
            throw new DomainRuleViolation("invalid_consent", "organization, contact, source and time are required");
        }
        if (contactId != null && !contactId.equals(command.contactId())) {
            throw new DomainRuleViolation("wrong_contact", "conversation " + conversationId
                    + " is not the conversation of contact " + command.contactId());
        }
        if (erased || (consentChangedAt != null && command.at().isBefore(consentChangedAt))
                || Objects.equals(marketingOptIn, command.optedIn())) {
            return;
        }
        String session = conversationId == null ? null : currentOrLastSession();
        if (command.optedIn()) {
            apply(new ContactOptedIn(command.conversationId(), session, command.organizationId(), command.contactId(),
                    command.source(), command.at()));
        } else {
            apply(new ContactOptedOut(command.conversationId(), session, command.organizationId(), command.contactId(),
                    command.source(), command.at()));
        }
    }

    @CommandHandler
    public void handle(MarkReplySent command) {
        if (requireKnownReply(command.replyId())) {
            apply(new ReplySent(conversationId, currentOrLastSession(), organizationId, contactId, command.replyId(),
                    command.whatsappMessageId(), command.tokensCharged()));
        }
    }

    @CommandHandler
    public void handle(HoldReply command) {
        if (requireKnownReply(command.replyId())) {
            apply(new ReplyHeld(conversationId, currentOrLastSession(), organizationId, contactId, command.replyId(),
                    command.reason()));
        }
    }

    @CommandHandler
    public void handle(MarkReplyFailed command) {
        if (requireKnownReply(command.replyId())) {
            apply(new ReplyFailed(conversationId, currentOrLastSession(), organizationId, contactId,
                    command.replyId(), command.errorCode(), command.errorTitle()));
        }
    }

    @CommandHandler
    public boolean handle(RecordDeliveryStatus command) {
        if (command.replyId() == null || command.status() == null) {
            throw new DomainRuleViolation("invalid_delivery_status", "reply id and status are required");
        }
        if (erased || !command.status().isAfter(recentDeliveries.get(command.replyId()))) {
            return false; // a late or repeated status: nothing new
        }
        apply(new ReplyDeliveryUpdated(conversationId, currentOrLastSession(), organizationId, contactId,
                command.replyId(), command.whatsappMessageId(), command.status(), command.at(), command.errorCode(),
                command.errorTitle()));
        return true;
    }

    @CommandHandler
    public List<ConversationEffect> handle(CloseConversation command) {
        if (erased) {
            throw erasedContact();
        }
        if (sessionId == null || command.sessionId() != null && !command.sessionId().equals(sessionId)) {
            throw new DomainRuleViolation(NO_ACTIVE_CONVERSATION, "there is no open conversation to close");
        }
        List<ConversationEffect> effects = leaveFlow("closed");
        if (state == ConversationState.HANDED_OVER) {
            apply(new HandedBackToBot(conversationId, sessionId, organizationId, contactId, command.closedBy(),
                    HandedBackToBot.CLOSED, handedOverAt, command.at() != null ? command.at() : Instant.now()));
        }
        apply(new ConversationClosed(conversationId, sessionId, organizationId, contactId, command.reason()));
        return effects; // the session's deadline finds it closed and does nothing
    }

    // ---- the organization's team: taking over, assigning, replying, notes, handing back -------------------------

    /*
     * An agent's reply is an ordinary ReplyQueued (module "inbox", action "agent_reply") followed by AgentReplied,
     * which only says who wrote it. The reply dispatcher, the wallet, holding on an empty wallet, the send to
     * WhatsApp, delivery statuses, re-engagement templates outside the window, refunds, the transcript and the rollups
     * all already work on ReplyQueued, so a person's reply gets every one of them unchanged instead of a second path
     * beside the bot's. Its text is sealed (ReplyQueued.staffReply): unlike the bot's, it may hold personal data.
     */

    @CommandHandler
    public List<ConversationEffect> handle(TakeOverConversation command) {
        requireAgent(command.agentId(), "the agent taking over");
        requireTime(command.at());
        requireOpenSession(command.sessionId());
        if (state == ConversationState.HANDED_OVER) {
            if (!command.agentId().equals(assignedAgentId)) {
                apply(new ConversationAssigned(conversationId, sessionId, organizationId, contactId,
                        command.agentId(), command.agentId(), command.at()));
            }
            return List.of();
        }
        return takeOver(command.agentId(), command.agentId(), command.at());
    }

    @CommandHandler
    public List<ConversationEffect> handle(AssignConversation command) {
        requireAgent(command.agentId(), "the agent to assign");
        requireAgent(command.assignedBy(), "who assigns");
        requireTime(command.at());
        requireOpenSession(command.sessionId());
        if (state != ConversationState.HANDED_OVER) {
            return takeOver(command.agentId(), command.assignedBy(), command.at());
        }
        if (!command.agentId().equals(assignedAgentId)) {
            apply(new ConversationAssigned(conversationId, sessionId, organizationId, contactId, command.agentId(),
                    command.assignedBy(), command.at()));
        }
        return List.of();
    }

    @CommandHandler
    public AgentReplyQueued handle(ReplyAsAgent command) {
        requireAgent(command.agentId(), "the agent replying");
        requireTime(command.at());
        if (command.text() == null || command.text().isBlank()) {
            throw new DomainRuleViolation("invalid_reply", "a reply needs text");
        }
        if (command.text().length() > MAX_REPLY_LENGTH) {
            throw new DomainRuleViolation("invalid_reply", "a reply has at most " + MAX_REPLY_LENGTH + " characters");
        }
        if (command.templateName() != null && command.templateName().isBlank()) {
            throw new DomainRuleViolation("invalid_reply", "a template is named, or null for a free-form reply");
        }
        if (erased) {
            throw erasedContact();
        }
        if (currentOrLastSession() == null || contactPhone == null) {
            throw new DomainRuleViolation(NO_ACTIVE_CONVERSATION, "the contact has never written");
        }
        boolean windowOpen = windowClosesAt != null && command.at().isBefore(windowClosesAt);
        if (!windowOpen && command.templateName() == null) {
            throw new DomainRuleViolation("window_closed", "the contact's 24-hour window closed at " + windowClosesAt
                    + ": only an approved message template reaches them now");
        }
        if (windowOpen && command.templateName() != null) {
            throw new DomainRuleViolation("window_open", "the contact's 24-hour window is open until "
                    + windowClosesAt + ": reply in your own words, templates are for a closed window");
        }
        List<ConversationEffect> effects = sessionId != null && state != ConversationState.HANDED_OVER
                ? takeOver(command.agentId(), command.agentId(), command.at()) : List.of();
        boolean held = state == ConversationState.HANDED_OVER;
        String replyId = Ids.newId();
        String session = currentOrLastSession();
        apply(new ReplyQueued(conversationId, session, organizationId, contactId, contactPhone, replyId,
                INBOX_MODULE, AGENT_REPLY_ACTION, null, null, windowClosesAt, command.templateName(),
                new OutboundReply.Text(command.text())));
        apply(new AgentReplied(conversationId, session, organizationId, contactId, command.agentId(), replyId,
                command.templateName(), held ? handedOverAt : null, held && !teamReplied, command.at()));
        return new AgentReplyQueued(replyId, effects);
    }

    /** @return the note's id */
    @CommandHandler
    public String handle(AddNote command) {
        requireAgent(command.agentId(), "the note's author");
        requireTime(command.at());
        if (command.text() == null || command.text().isBlank()) {
            throw new DomainRuleViolation("invalid_note", "a note needs text");
        }
        String text = command.text().strip();
        if (text.length() > MAX_NOTE_LENGTH) {
            throw new DomainRuleViolation("invalid_note", "a note has at most " + MAX_NOTE_LENGTH + " characters");
        }
        if (erased) {
            throw erasedContact();
        }
        if (currentOrLastSession() == null) {
            throw new DomainRuleViolation(NO_ACTIVE_CONVERSATION, "the contact has never written");
        }
        String noteId = Ids.newId();
        apply(new NoteAdded(conversationId, command.sessionId() != null ? command.sessionId() : currentOrLastSession(),
                organizationId, contactId, noteId, command.agentId(), text, command.at()));
        return noteId;
    }

    @CommandHandler
    public void handle(HandBackToBot command) {
        requireAgent(command.agentId(), "the agent handing back");
        requireTime(command.at());
        requireOpenSession(command.sessionId());
        if (state != ConversationState.HANDED_OVER) {
            throw new DomainRuleViolation("not_handed_over", "the bot already holds this conversation");
        }
        apply(new HandedBackToBot(conversationId, sessionId, organizationId, contactId, command.agentId(),
                HandedBackToBot.HANDED_BACK, handedOverAt, command.at()));
        moveTo(ConversationState.IDLE, Map.of());
    }

    private List<ConversationEffect> takeOver(String agentId, String by, Instant at) {
        List<ConversationEffect> effects = leaveFlow("handed_over");
        apply(new ConversationHandedOver(conversationId, sessionId, organizationId, contactId,
                ConversationHandedOver.AGENT_TOOK_OVER, by, at));
        moveTo(ConversationState.HANDED_OVER, Map.of(HandoverFlow.REASON, ConversationHandedOver.AGENT_TOOK_OVER));
        apply(new ConversationAssigned(conversationId, sessionId, organizationId, contactId, agentId, by, at));
        return effects;
    }

    private void moveTo(ConversationState next, Map<String, String> data) {
        apply(new StateChanged(conversationId, sessionId, organizationId, contactId, state.stateName(),
                next.stateName(), next.step(), next.module(), data));
    }

    private static void requireAgent(String agentId, String who) {
        if (agentId == null || agentId.isBlank()) {
            throw new DomainRuleViolation("invalid_agent", who + " is required");
        }
    }

    private static void requireTime(Instant at) {
        if (at == null) {
            throw new DomainRuleViolation("invalid_time", "the time of the action is required");
        }
    }

    /** The open session, and the one the caller means when it names one (a newer session is not theirs to change). */
    private void requireOpenSession(String expected) {
        if (erased) {
            throw erasedContact();
        }
        if (sessionId == null) {
            throw new DomainRuleViolation(NO_ACTIVE_CONVERSATION, "the conversation has ended");
        }
        if (expected != null && !expected.equals(sessionId)) {
            throw new DomainRuleViolation(NO_ACTIVE_CONVERSATION, "that session has ended; the contact is in a newer one");
        }
    }

    private DomainRuleViolation erasedContact() {
        return new DomainRuleViolation("contact_erased", "the contact of " + conversationId + " was erased");
    }

    /**
     * A session keeps one inactivity deadline. Rather than cancelling and rescheduling it on every message (which
     * costs a scan of all scheduled deadlines), it is armed once and, when it fires after newer activity, re-armed
     * for the new silence; only a deadline that finds nothing new since it was armed expires the session.
     */
    @DeadlineHandler(deadlineName = INACTIVITY_DEADLINE)
    public void onInactivity(InactivityCheck check, DeadlineManager deadlines) {
        if (sessionId == null || !sessionId.equals(check.sessionId())) {
            return;
        }
        if (check.lastActivityAt().equals(lastActivityAt)) {
            expire();
        } else {
            armInactivityDeadline(deadlines);
        }
    }

    /** The deadline's payload: the session and the activity it was armed after. */
    public record InactivityCheck(String sessionId, Instant lastActivityAt) {
    }

    private void armInactivityDeadline(DeadlineManager deadlines) {
        deadlines.schedule(lastActivityAt.plus(inactivityTimeout), INACTIVITY_DEADLINE,
                new InactivityCheck(sessionId, lastActivityAt));
    }

    public ConversationState state() {
        return state;
    }

    public Map<String, String> stateData() {
        return Map.copyOf(stateData);
    }

    public String sessionId() {
        return sessionId;
    }

    private boolean timedOut(Instant at) {
        return lastActivityAt != null && inactivityTimeout != null && !at.isBefore(lastActivityAt.plus(inactivityTimeout));
    }

    private List<ConversationEffect> expire() {
        List<ConversationEffect> effects = leaveFlow("inactivity");
        if (state == ConversationState.HANDED_OVER) {
            apply(new HandedBackToBot(conversationId, sessionId, organizationId, contactId, null,
                    HandedBackToBot.EXPIRED, handedOverAt, lastActivityAt.plus(inactivityTimeout)));
        }
        apply(new ConversationExpired(conversationId, sessionId, organizationId, contactId, lastActivityAt,
                state.stateName()));
        return effects;
    }

    /** A survey left behind is recorded as abandoned, whichever way the session ends. */
    private List<ConversationEffect> leaveFlow(String reason) {
        String responseId = stateData.get(SurveyFlow.RESPONSE_ID);
        if (state == ConversationState.SURVEY_IN_PROGRESS && responseId != null) {
            return List.of(new ConversationEffect.AbandonSurvey(responseId, reason));
        }
        return List.of();
    }

    private void record(Turn turn, String inReplyTo, Instant saidAt) {
        // Replies are billed to the module that handled the message: a survey's thank-you is a survey reply
        // even though the conversation is idle again when it is sent, and the bot's promise that a person will
        // answer is billed to the flow that made it (general when idle), not to the team's inbox.
        boolean fromTheFlowUnderWay = state != ConversationState.IDLE || turn.next() == ConversationState.HANDED_OVER;
        String billedModule = turn.billedAs() != null ? turn.billedAs().module()
                : (fromTheFlowUnderWay ? state : turn.next()).module();
        String billedAction = turn.billedAs() != null ? turn.billedAs().action() : "reply";
        if (turn.handover() != null) {
            apply(new ConversationHandedOver(conversationId, sessionId, organizationId, contactId, turn.handover(),
                    null, saidAt));
        }
        if (turn.next() != state || !turn.stateData().equals(stateData)) {
            apply(new StateChanged(conversationId, sessionId, organizationId, contactId, state.stateName(),
                    turn.next().stateName(), turn.next().step(), turn.next().module(), turn.stateData()));
        }
        if (turn.marketingOptIn() != null && !turn.marketingOptIn().equals(marketingOptIn)) {
            Instant at = saidAt;
            apply(turn.marketingOptIn()
                    ? new ContactOptedIn(conversationId, sessionId, organizationId, contactId, ConsentSource.KEYWORD, at)
                    : new ContactOptedOut(conversationId, sessionId, organizationId, contactId, ConsentSource.KEYWORD, at));
        }
        for (OutboundReply reply : turn.replies()) {
            apply(new ReplyQueued(conversationId, sessionId, organizationId, contactId, contactPhone, Ids.newId(),
                    billedModule, billedAction, reply, inReplyTo, windowClosesAt, null));
        }
    }

    private boolean requireKnownReply(String replyId) {
        if (openReplies.contains(replyId)) {
            return true;
        }
        if (replyId == null || replyId.isBlank()) {
            throw new DomainRuleViolation("unknown_reply", "reply id is required");
        }
        return false; // already settled: redelivered outcomes are ignored
    }

    private String currentOrLastSession() {
        return sessionId != null ? sessionId : lastSessionId;
    }

    @EventSourcingHandler
    void on(ConversationStarted event) {
        conversationId = event.conversationId();
        organizationId = event.organizationId();
        contactId = event.contactId();
        contactPhone = event.contactPhone();
        sessionId = event.sessionId();
        lastSessionId = event.sessionId();
        state = ConversationState.IDLE;
        stateData = new LinkedHashMap<>();
        lastActivityAt = event.startedAt();
        inactivityTimeout = event.inactivityTimeout();
    }

    @EventSourcingHandler
    void on(ContactErased event) {
        erased = true;
        contactPhone = null;
        sessionId = null;
        state = ConversationState.IDLE;
        stateData = new LinkedHashMap<>();
        openReplies.clear();
        endHandover();
    }

    @EventSourcingHandler
    void on(ConversationHandedOver event) {
        handedOverAt = event.at();
        assignedAgentId = null;
        teamReplied = false;
    }

    @EventSourcingHandler
    void on(ConversationAssigned event) {
        assignedAgentId = event.agentId();
    }

    @EventSourcingHandler
    void on(AgentReplied event) {
        if (event.handedOverAt() != null) {
            teamReplied = true;
        }
    }

    @EventSourcingHandler
    void on(HandedBackToBot event) {
        endHandover();
    }

    private void endHandover() {
        handedOverAt = null;
        assignedAgentId = null;
        teamReplied = false;
    }

    /** The agent who answers the handed-over session; null when nobody is assigned or the bot holds it. */
    public String assignedAgentId() {
        return assignedAgentId;
    }

    public boolean erased() {
        return erased;
    }

    /** When the contact's customer-service window closes; null if they never wrote. */
    public Instant windowClosesAt() {
        return windowClosesAt;
    }

    /** True or false once the contact said; null before. */
    public Boolean marketingOptIn() {
        return marketingOptIn;
    }

    @EventSourcingHandler
    void on(ContactOptedOut event) {
        consented(event.conversationId(), event.organizationId(), event.contactId(), false, event.at());
    }

    @EventSourcingHandler
    void on(ContactOptedIn event) {
        consented(event.conversationId(), event.organizationId(), event.contactId(), true, event.at());
    }

    private void consented(String conversation, String organization, String contact, boolean optedIn, Instant at) {
        if (conversationId == null) { // a contact who stated consent before ever writing
            conversationId = conversation;
            organizationId = organization;
            contactId = contact;
        }
        marketingOptIn = optedIn;
        consentChangedAt = at;
    }

    @EventSourcingHandler
    void on(ReplyExpired event) {
        openReplies.remove(event.replyId());
    }

    @EventSourcingHandler
    void on(MessageReceived event) {
        lastActivityAt = event.sentAt().isAfter(lastActivityAt) ? event.sentAt() : lastActivityAt;
        Instant closes = CustomerServiceWindow.closesAfter(event.sentAt());
        if (windowClosesAt == null || closes.isAfter(windowClosesAt)) {
            windowClosesAt = closes; // only the contact's messages open and refresh the window
        }
        recentMessageIds.add(event.messageId());
        if (recentMessageIds.size() > REMEMBERED_MESSAGE_IDS) {
            recentMessageIds.remove(recentMessageIds.iterator().next());
        }
    }

    @EventSourcingHandler
    void on(StateChanged event) {
        state = stateOf(event.toState(), event.step());
        stateData = new LinkedHashMap<>(event.stateData());
    }

    @EventSourcingHandler
    void on(ReplyQueued event) {
        openReplies.add(event.replyId());
    }

    @EventSourcingHandler
    void on(ReplySent event) {
        openReplies.remove(event.replyId());
        remember(event.replyId(), DeliveryStatus.SENT);
    }

    @EventSourcingHandler
    void on(ReplyDeliveryUpdated event) {
        remember(event.replyId(), event.status());
    }

    private void remember(String replyId, DeliveryStatus status) {
        recentDeliveries.remove(replyId);
        recentDeliveries.put(replyId, status);
        if (recentDeliveries.size() > REMEMBERED_MESSAGE_IDS) {
            recentDeliveries.remove(recentDeliveries.keySet().iterator().next());
        }
    }

    @EventSourcingHandler
    void on(ReplyFailed event) {
        openReplies.remove(event.replyId());
    }

    @EventSourcingHandler
    void on(ConversationExpired event) {
        endSession();
    }

    @EventSourcingHandler
    void on(ConversationClosed event) {
        endSession();
    }

    private void endSession() {
        sessionId = null;
        state = ConversationState.IDLE;
        stateData = new LinkedHashMap<>();
        endHandover(); // a new session starts with the bot
    }

    private static ConversationState stateOf(String name, String step) {
        for (ConversationState candidate : ConversationState.values()) {
            if (candidate.stateName().equals(name) && Objects.equals(candidate.step(), step)) {
                return candidate;
            }
        }
        throw new IllegalStateException("unknown conversation state " + name + "/" + step);
    }
}
