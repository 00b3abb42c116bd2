package com.chatnation.crm.application.ticketing;

import com.chatnation.crm.domain.ticketing.AdmissionOutcome;
import com.chatnation.crm.domain.ticketing.AdmitTicket;
import com.chatnation.crm.projections.queries.CheckInQueries;
import com.chatnation.crm.projections.queries.CheckInQueries.TypeCount;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Letting a ticket holder in at a gate, for the API and the gate page alike: the pass (or the code typed from the
 * holder's screen) is read, looked up in the admission register and admitted by the ticket's own
 * {@code TicketAdmission}, which answers once with "admitted" and afterwards with where and when it was.
 */
@Component
class CheckIns {

    /** A stream-creation race is lost to one other gate at most; a few more tries cover a second instance's retry. */
    private static final int ATTEMPTS = 3;

    /** A ticket let in by this scan. */
    record Admitted(String ticketCode, String ticketTypeId, Instant at, String gate) {
    }

    /** An event's counts at the gates, per ticket type and in all. */
    record Counts(String eventId, long issued, long checkedIn, List<TypeCount> ticketTypes) {
    }

    private final TicketPasses passes;
    private final AdmissionRegister register;
    private final CommandGateway commands;
    private final CheckInQueries queries;
    private final Clock clock = Clock.systemUTC();

    CheckIns(TicketPasses passes, AdmissionRegister register, CommandGateway commands, CheckInQueries queries) {
        this.passes = passes;
        this.register = register;
        this.commands = commands;
        this.queries = queries;
    }

    /**
     * Admits the ticket {@code presented} names (a scanned pass or a typed code) at {@code gate} of the event.
     *
     * @throws CheckInRefusal when nothing was presented (400), the event is unknown (404), the pass is forged (422),
     *                        the code is unknown (404), of another event (409), cancelled by the organizer (409
     *                        {@code cancelled_ticket}, also when it had been let in before its cancellation: it admits
     *                        no one from then on) or already used (409)
     */
    Admitted admit(String organizationId, String eventId, String presented, String gate, String staffId) {
        if (presented == null || presented.isBlank()) {
            throw new CheckInRefusal(HttpStatus.BAD_REQUEST, "invalid_request",
                    "send the scanned pass or the ticket code typed from the holder's screen");
        }
        requireEvent(organizationId, eventId);
        String code;
        if (TicketPasses.isPass(presented)) {
            code = passes.verified(presented).orElseThrow(() -> new CheckInRefusal(HttpStatus.UNPROCESSABLE_ENTITY,
                    "forged_pass", "this pass was not issued by this service: do not let its holder in"));
        } else {
            code = TicketPasses.typed(presented);
        }
        AdmissionRegister.RegisteredTicket ticket = register.find(code)
                .filter(found -> found.organizationId().equals(organizationId))
                .orElseThrow(() -> new CheckInRefusal(HttpStatus.NOT_FOUND, "unknown_ticket",
                        "no ticket " + code + " was issued"));
        if (!ticket.eventId().equals(eventId)) {
            throw new CheckInRefusal(HttpStatus.CONFLICT, "wrong_event", "ticket " + code + " is for "
                    + register.eventName(organizationId, ticket.eventId()).orElse("another event"),
                    Map.of("ticketCode", code));
        }
        if (AdmissionRegister.CANCELLED.equals(ticket.status())) {
            // checked before the admission, which knows nothing of cancellations, so nothing is recorded for it
            throw new CheckInRefusal(HttpStatus.CONFLICT, "cancelled_ticket", "ticket " + code
                    + " was cancelled by the organizer: do not let its holder in",
                    Map.of("ticketCode", code, "ticketTypeId", ticket.ticketTypeId()));
        }
        if (!"valid".equals(ticket.status())) {
            throw new CheckInRefusal(HttpStatus.CONFLICT, "invalid_ticket", "ticket " + code + " is " + ticket.status(),
                    Map.of("ticketCode", code));
        }
        AdmissionOutcome outcome = send(new AdmitTicket(code, organizationId, eventId, ticket.ticketTypeId(), gate,
                staffId, clock.instant()));
        if (!outcome.admitted()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("ticketCode", code);
            details.put("ticketTypeId", ticket.ticketTypeId());
            details.put("firstAt", outcome.at());
            details.put("firstGate", outcome.gate());
            throw new CheckInRefusal(HttpStatus.CONFLICT, "already_checked_in", "ticket " + code
                    + " was already used at " + outcome.gate() + ", " + outcome.at(), details);
        }
        return new Admitted(code, ticket.ticketTypeId(), outcome.at(), outcome.gate());
    }

    Counts counts(String organizationId, String eventId) {
        requireEvent(organizationId, eventId);
        List<TypeCount> types = queries.counts(organizationId, eventId);
        return new Counts(eventId, types.stream().mapToLong(TypeCount::issued).sum(),
                types.stream().mapToLong(TypeCount::checkedIn).sum(), types);
    }

    /** The event's name; 404 when the organization has no such event. */
    String requireEvent(String organizationId, String eventId) {
        return register.eventName(organizationId, eventId).orElseThrow(() -> new CheckInRefusal(HttpStatus.NOT_FOUND,
                "not_found", "no event " + eventId + " in this organization"));
    }

    /**
     * Two gates (on two instances) scanning a ticket's first admission race to create its stream; the loser is told
     * the stream exists, and sending again loads the winner's admission and answers "already used".
     */
    private AdmissionOutcome send(AdmitTicket command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.sendAndWait(command);
            } catch (RuntimeException failure) {
                if (attempt >= ATTEMPTS || !lostCreationRace(failure)) {
                    throw failure;
                }
            }
        }
    }

    private static boolean lostCreationRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateStreamCreationException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
