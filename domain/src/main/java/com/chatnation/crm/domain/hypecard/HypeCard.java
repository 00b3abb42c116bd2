package com.chatnation.crm.domain.hypecard;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.Set;
import java.util.regex.Pattern;

import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One contact's card: asked for, then drawn once or given up on, then shared. Drawing happens outside (it waits for
 * the photo to be copied out of WhatsApp); the card's rules are that it is drawn at most once, that a card given up on
 * stays given up on, and that only a drawn card can be shared.
 */
public class HypeCard {

    /** What a contact may write for their name or title: room for a long name, short enough to fit on a card. */
    public static final int MAX_INPUT = 60;
    /** Share codes are 8 letters and digits: short enough to type, about 47 bits, too many to guess. */
    public static final Pattern SHARE_CODE = Pattern.compile("[A-Za-z0-9]{8}");
    public static final Set<String> FAILURES = Set.of("photo_lost", "template_gone", "render_failed");
    private static final Pattern CHANNEL = Pattern.compile("[a-z]{1,20}");

    @AggregateIdentifier
    private String cardId;
    private String organizationId;
    private String templateId;
    private String conversationId;
    private String contactId;
    private String shareCode;
    private boolean generated;
    private boolean failed;

    protected HypeCard() {
        // required by the event-sourcing repository
    }

    @CommandHandler
    public HypeCard(RequestCard command) {
        requireText(command.cardId(), "card id");
        requireText(command.organizationId(), "organization id");
        requireText(command.templateId(), "template id");
        requireText(command.conversationId(), "conversation id");
        requireText(command.contactId(), "contact id");
        if (command.shareCode() == null || !SHARE_CODE.matcher(command.shareCode()).matches()) {
            throw new DomainRuleViolation("invalid_share_code", "a share code is 8 letters and digits");
        }
        String name = input(command.name(), "name");
        String title = input(command.title(), "title");
        apply(new CardRequested(command.cardId(), command.organizationId(), command.templateId(),
                command.conversationId(), command.contactId(), name, title, command.photoMessageId(),
                command.shareCode(), command.requestedAt()));
    }

    @CommandHandler
    public boolean handle(RecordCardGenerated command) {
        if (generated) {
            return false; // the workshop's retry after a crash: drawn already
        }
        if (failed) {
            throw new DomainRuleViolation("card_failed", "the card was given up on");
        }
        requireText(command.imageKey(), "image key");
        requireText(command.sha256(), "sha-256");
        if (command.sizeBytes() <= 0) {
            throw new DomainRuleViolation("invalid_image", "a drawn card has bytes");
        }
        apply(new CardGenerated(cardId, organizationId, templateId, conversationId, contactId, shareCode,
                command.imageKey(), command.sizeBytes(), command.sha256(), command.at()));
        return true;
    }

    @CommandHandler
    public boolean handle(RecordCardFailed command) {
        if (failed) {
            return false;
        }
        if (generated) {
            throw new DomainRuleViolation("card_generated", "the card was drawn already");
        }
        if (command.reason() == null || !FAILURES.contains(command.reason())) {
            throw new DomainRuleViolation("invalid_reason", "a card fails for one of " + FAILURES);
        }
        apply(new CardFailed(cardId, organizationId, templateId, conversationId, contactId, command.reason(),
                command.at()));
        return true;
    }

    @CommandHandler
    public void handle(RecordCardShared command) {
        if (!generated) {
            throw new DomainRuleViolation("card_not_generated", "only a drawn card can be shared");
        }
        if (command.channel() == null || !CHANNEL.matcher(command.channel()).matches()) {
            throw new DomainRuleViolation("invalid_channel", "a share's channel is a short lower-case word");
        }
        apply(new CardShared(cardId, organizationId, templateId, contactId, command.channel(), command.at()));
    }

    private static String input(String value, String what) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_INPUT) {
            throw new DomainRuleViolation("invalid_input", "a card's " + what + " is 1 to " + MAX_INPUT
                    + " characters");
        }
        return stripped;
    }

    @EventSourcingHandler
    void on(CardRequested event) {
        cardId = event.cardId();
        organizationId = event.organizationId();
        templateId = event.templateId();
        conversationId = event.conversationId();
        contactId = event.contactId();
        shareCode = event.shareCode();
    }

    @EventSourcingHandler
    void on(CardGenerated event) {
        generated = true;
    }

    @EventSourcingHandler
    void on(CardFailed event) {
        failed = true;
    }
}
