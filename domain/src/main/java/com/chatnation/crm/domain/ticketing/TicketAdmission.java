package com.chatnation.crm.domain.ticketing;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Instant;

import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One ticket at the door, identified by its code. Each ticket has a small stream of its own rather than a place in
 * its {@link TicketedEvent}'s: gates scanning different tickets at once never contend on the event's inventory
 * stream, which keeps selling while the doors are open, and letting a ticket in twice is impossible. Two gates
 * admitting the same ticket race to append the stream's first event; the loser retries, loads the admission the
 * winner stored and is told the ticket was already used, with the first gate and time.
 * <p>
 * The ticket's event and type come with the command (the caller looked the code up among issued tickets); the
 * admission only remembers them to refuse the same code presented at another event.
 */
public class TicketAdmission {

    static final int MAX_GATE_LENGTH = 40;

    @AggregateIdentifier
    private String ticketCode;
    private String organizationId;
    private String eventId;
    private Instant admittedAt;
    private String gate;

    protected TicketAdmission() {
        // required by the event-sourcing repository, and the creation policy below
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AdmissionOutcome handle(AdmitTicket command) {
        requireText(command.ticketCode(), "ticket code");
        requireText(command.organizationId(), "organization id");
        requireText(command.eventId(), "event id");
        requireText(command.ticketTypeId(), "ticket type id");
        requireText(command.staffId(), "staff id");
        String gateName = command.gate() == null ? "" : command.gate().strip();
        // control characters are refused too: the name is shown on the gate page and stored in read tables
        if (gateName.isEmpty() || gateName.length() > MAX_GATE_LENGTH
                || gateName.chars().anyMatch(Character::isISOControl)) {
            throw new DomainRuleViolation("invalid_gate", "a gate is named with 1 to " + MAX_GATE_LENGTH
                    + " printable characters");
        }
        if (command.at() == null) {
            throw new DomainRuleViolation("missing_at", "the time of the admission is required");
        }
        if (ticketCode == null) {
            apply(new TicketAdmitted(command.ticketCode(), command.organizationId(), command.eventId(),
                    command.ticketTypeId(), gateName, command.staffId(), command.at()));
            return new AdmissionOutcome(true, admittedAt, gate);
        }
        if (!organizationId.equals(command.organizationId()) || !eventId.equals(command.eventId())) {
            throw new DomainRuleViolation("wrong_event", "ticket " + ticketCode + " is not a ticket of this event");
        }
        return new AdmissionOutcome(false, admittedAt, gate);
    }

    @EventSourcingHandler
    void on(TicketAdmitted event) {
        ticketCode = event.ticketCode();
        organizationId = event.organizationId();
        eventId = event.eventId();
        admittedAt = event.at();
        gate = event.gate();
    }
}
