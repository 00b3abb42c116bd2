package com.chatnation.crm.domain.exhibitor;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One visitor as a lead of one exhibitor. Its id is made of the exhibitor and the contact ({@link #idOf}), so "one
 * lead per visitor and exhibitor" is the event stream's order: a second visit, or two messages racing each other, are
 * appends to the same stream, and the later one finds the lead already there and only records the return. A stream
 * per lead rather than a set of visitors in the {@link Exhibitor}: a busy booth's visitors never contend with each
 * other, and the exhibitor does not grow with its visitors.
 * <p>
 * A lead exists only once the visitor said yes to sharing their contact: the conversation asks before it sends
 * {@link CaptureLead}, and the product and note they add afterwards are refused for a lead that does not exist.
 */
public class Lead {

    public static final int MAX_NOTE_LENGTH = 500;

    @AggregateIdentifier
    private String leadId;
    private String exhibitorId;
    private String organizationId;
    private String eventId;
    @DataSubject
    private String contactId;
    private final Set<String> products = new HashSet<>();
    private LeadStage stage = LeadStage.NEW;

    protected Lead() {
        // required by the event-sourcing repository, and the creation policy below
    }

    public static String idOf(String exhibitorId, String contactId) {
        return exhibitorId + ":" + contactId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public LeadOutcome handle(CaptureLead command) {
        requireText(command.leadId(), "lead id");
        requireText(command.exhibitorId(), "exhibitor id");
        requireText(command.organizationId(), "organization id");
        requireText(command.eventId(), "event id");
        requireText(command.contactId(), "contact id");
        if (!command.leadId().equals(idOf(command.exhibitorId(), command.contactId()))) {
            throw new DomainRuleViolation("invalid_lead_id", "a lead's id is made of its exhibitor and contact");
        }
        Instant at = at(command.at());
        if (leadId == null) {
            String name = command.contactName() == null || command.contactName().isBlank() ? null
                    : command.contactName().strip();
            apply(new LeadCaptured(command.leadId(), command.exhibitorId(), command.organizationId(),
                    command.eventId(), command.contactId(), command.contactPhone(), name, command.conversationId(),
                    at));
            return LeadOutcome.CAPTURED;
        }
        requireOwned(command.organizationId());
        apply(new LeadRevisited(leadId, exhibitorId, organizationId, eventId, contactId, at));
        return LeadOutcome.REVISITED;
    }

    /** Whether the product was added to what interests the visitor (false: it already was). */
    @CommandHandler
    public boolean handle(RecordLeadInterest command) {
        requireOwned(command.organizationId());
        requireText(command.productId(), "product id");
        if (products.contains(command.productId())) {
            return false;
        }
        apply(new LeadInterestRecorded(leadId, exhibitorId, organizationId, contactId, command.productId(),
                command.productName(), at(command.at())));
        return true;
    }

    @CommandHandler
    public void handle(AddLeadNote command) {
        requireOwned(command.organizationId());
        String note = command.note() == null ? "" : command.note().strip();
        if (note.isEmpty() || note.length() > MAX_NOTE_LENGTH) {
            throw new DomainRuleViolation("invalid_note", "a note is 1 to " + MAX_NOTE_LENGTH + " characters");
        }
        apply(new LeadNoteAdded(leadId, exhibitorId, organizationId, contactId, note, at(command.at())));
    }

    /** Whether the lead moved (false: it was at that stage already). */
    @CommandHandler
    public boolean handle(MoveLeadStage command) {
        requireOwned(command.organizationId());
        if (command.stage() == null) {
            throw new DomainRuleViolation("missing_stage", "the stage to move the lead to is required");
        }
        requireText(command.movedBy(), "who moves the lead");
        if (command.stage() == stage) {
            return false;
        }
        apply(new LeadStageChanged(leadId, exhibitorId, organizationId, contactId, command.stage(), stage,
                command.movedBy(), at(command.at())));
        return true;
    }

    /** Another organization's lead, or one never captured, is answered as if there were none. */
    private void requireOwned(String organization) {
        if (leadId == null || !Objects.equals(organizationId, organization)) {
            throw new DomainRuleViolation("not_found", "no such lead in this organization");
        }
    }

    private static Instant at(Instant given) {
        return given == null ? Instant.now() : given;
    }

    @EventSourcingHandler
    void on(LeadCaptured event) {
        leadId = event.leadId();
        exhibitorId = event.exhibitorId();
        organizationId = event.organizationId();
        eventId = event.eventId();
        contactId = event.contactId();
    }

    @EventSourcingHandler
    void on(LeadStageChanged event) {
        stage = event.stage();
    }

    @EventSourcingHandler
    void on(LeadInterestRecorded event) {
        products.add(event.productId());
    }
}
