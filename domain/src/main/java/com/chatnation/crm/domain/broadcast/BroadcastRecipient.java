package com.chatnation.crm.domain.broadcast;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.conversation.DeliveryStatus;
import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One contact of one broadcast: queued, then suppressed or sent, then delivered, read or failed, and perhaps
 * replied to. A few events per stream, so 100,000 recipients are 100,000 short streams that sends and status
 * webhooks touch in parallel, without contention and without loading anything large.
 */
public class BroadcastRecipient {

    /** A reply counts for the broadcast when it comes within the customer-service window the template opened. */
    static final Duration REPLY_WINDOW = Duration.ofHours(24);
    static final Set<String> SUPPRESSION_REASONS = Set.of("opted_out", "no_consent", "invalid_number",
            "duplicate_number", "cancelled");
    static final int MAX_PARAMETERS = 100;

    private enum Stage { QUEUED, SUPPRESSED, SENT }

    @AggregateIdentifier
    private String recipientId;
    private String broadcastId;
    private String organizationId;
    @DataSubject
    private String contactId;
    private Stage stage;
    private DeliveryStatus delivery;
    private long tokensCaptured;
    private Instant sentAt;
    private boolean replied;

    protected BroadcastRecipient() {
        // required by the event-sourcing repository
    }

    @CommandHandler
    public BroadcastRecipient(QueueRecipient command) {
        requireText(command.recipientId(), "recipient id");
        requireText(command.broadcastId(), "broadcast id");
        requireText(command.organizationId(), "organization id");
        requireText(command.contactId(), "contact id");
        if (!command.recipientId().equals(BroadcastRecipientId.of(command.broadcastId(), command.contactId()))) {
            throw new DomainRuleViolation("invalid_recipient_id", "a recipient's id is made of its broadcast and contact");
        }
        String phone = PhoneNumber.of(command.phone()).e164();
        List<String> parameters = command.parameters() == null ? List.of() : command.parameters();
        if (parameters.size() > MAX_PARAMETERS || parameters.stream().anyMatch(p -> p == null || p.isBlank())) {
            throw new DomainRuleViolation("invalid_parameters",
                    "every template parameter needs a value (WhatsApp refuses empty ones), at most " + MAX_PARAMETERS);
        }
        apply(new RecipientQueued(command.recipientId(), command.broadcastId(), command.organizationId(),
                command.contactId(), phone, List.copyOf(parameters)));
    }

    @CommandHandler
    public void handle(SuppressRecipient command) {
        if (command.reason() == null || !SUPPRESSION_REASONS.contains(command.reason())) {
            throw new DomainRuleViolation("invalid_suppression_reason", "a recipient is suppressed for one of "
                    + SUPPRESSION_REASONS + ", was " + command.reason());
        }
        if (stage == Stage.SUPPRESSED) {
            return;
        }
        if (stage == Stage.SENT) {
            throw new DomainRuleViolation("already_sent", "recipient " + recipientId + " was already sent to");
        }
        apply(new RecipientSuppressed(recipientId, broadcastId, organizationId, contactId, command.reason()));
    }

    @CommandHandler
    public void handle(MarkRecipientSent command) {
        requireText(command.whatsappMessageId(), "WhatsApp message id");
        if (command.category() == null || !BroadcastTemplate.CATEGORIES.contains(command.category())) {
            throw new DomainRuleViolation("invalid_template_category",
                    "a send names its template's category, one of " + BroadcastTemplate.CATEGORIES);
        }
        if (command.tokensCaptured() < 0) {
            throw new DomainRuleViolation("invalid_amount", "captured tokens cannot be negative");
        }
        if (stage == Stage.SENT) {
            return; // a retried send that WhatsApp had already taken
        }
        if (stage == Stage.SUPPRESSED) {
            throw new DomainRuleViolation("suppressed", "recipient " + recipientId + " is suppressed");
        }
        apply(new RecipientSent(recipientId, broadcastId, organizationId, contactId, command.whatsappMessageId(),
                command.tokensCaptured(), command.category(), command.at()));
    }

    /** @return whether the status moved the recipient forward */
    @CommandHandler
    public boolean handle(RecordRecipientStatus command) {
        if (command.status() == null || command.status() == DeliveryStatus.SENT) {
            throw new DomainRuleViolation("invalid_status", "a recipient's status is delivered, read or failed");
        }
        if (stage == Stage.SUPPRESSED) {
            return false;
        }
        boolean refusedBeforeSending = stage == Stage.QUEUED && command.status() == DeliveryStatus.FAILED;
        if (stage == Stage.QUEUED && !refusedBeforeSending) {
            throw new DomainRuleViolation("not_sent", "recipient " + recipientId + " was not sent to yet");
        }
        if (!command.status().isAfter(delivery)) {
            return false;
        }
        // a failure gives back what the send captured; a read after a failure means it arrived after all
        long refund = command.status() == DeliveryStatus.FAILED ? tokensCaptured : 0;
        apply(new RecipientDeliveryUpdated(recipientId, broadcastId, organizationId, contactId, command.status(),
                command.at(), command.errorCode(), command.errorTitle(), refund));
        return true;
    }

    @CommandHandler
    public void handle(RecordRecipientReply command) {
        // WhatsApp dates a contact's message to the second: one written in the second of the send is after it
        Instant sentSecond = sentAt == null ? null : sentAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (stage != Stage.SENT || replied || command.at() == null || sentAt == null
                || command.at().isBefore(sentSecond) || command.at().isAfter(sentAt.plus(REPLY_WINDOW))) {
            return; // not a reply to this broadcast
        }
        apply(new RecipientReplied(recipientId, broadcastId, organizationId, contactId, command.at()));
    }

    @EventSourcingHandler
    void on(RecipientQueued event) {
        recipientId = event.recipientId();
        broadcastId = event.broadcastId();
        organizationId = event.organizationId();
        contactId = event.contactId();
        stage = Stage.QUEUED;
    }

    @EventSourcingHandler
    void on(RecipientSuppressed event) {
        stage = Stage.SUPPRESSED;
    }

    @EventSourcingHandler
    void on(RecipientSent event) {
        stage = Stage.SENT;
        delivery = DeliveryStatus.SENT;
        tokensCaptured = event.tokensCaptured();
        sentAt = event.at();
    }

    @EventSourcingHandler
    void on(RecipientDeliveryUpdated event) {
        delivery = event.status();
        if (event.status() == DeliveryStatus.FAILED) {
            tokensCaptured -= event.tokensToRefund();
        }
    }

    @EventSourcingHandler
    void on(RecipientReplied event) {
        replied = true;
    }
}
