package com.chatnation.crm.application.ticketing;

import com.chatnation.crm.application.platform.axon.CommandCatalogs;
import com.chatnation.crm.domain.ticketing.PaidTicketsCancelled;
import com.chatnation.crm.domain.ticketing.TicketsIssued;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * What a ticket code is, for the gate: its organization, event and type, from {@code admission_register}, written in
 * the transaction that issues the tickets. A code is admitted by its own aggregate, which knows nothing until its
 * first scan; this is where the gate learns which event and type to admit it to. A ticket the organizer cancelled
 * stays in the register marked {@code cancelled}, so the gate can say so rather than call it unknown.
 */
@Component
@ProcessingGroup(CommandCatalogs.GROUP)
class AdmissionRegister {

    /** An issued ticket. */
    record RegisteredTicket(String ticketCode, String organizationId, String eventId, String ticketTypeId,
                            String status) {
    }

    /** The status of a ticket the organizer cancelled (with its purchase); {@code valid} otherwise. */
    static final String CANCELLED = "cancelled";

    private final JdbcTemplate jdbc;

    AdmissionRegister(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TicketsIssued event) {
        for (String code : event.ticketCodes()) {
            jdbc.update("""
                            INSERT INTO admission_register (ticket_code, organization_id, event_id, ticket_type_id, status)
                            VALUES (?, ?, ?, ?, 'valid') ON CONFLICT (ticket_code) DO NOTHING""",
                    code, event.organizationId(), event.eventId(), event.ticketTypeId());
        }
    }

    @EventHandler
    void on(PaidTicketsCancelled event) {
        for (String code : event.ticketCodes()) {
            jdbc.update("UPDATE admission_register SET status = ? WHERE ticket_code = ?", CANCELLED, code);
        }
    }

    Optional<RegisteredTicket> find(String ticketCode) {
        return jdbc.query("SELECT * FROM admission_register WHERE ticket_code = ?",
                (rs, n) -> new RegisteredTicket(rs.getString("ticket_code"), rs.getString("organization_id"),
                        rs.getString("event_id"), rs.getString("ticket_type_id"), rs.getString("status")),
                ticketCode).stream().findFirst();
    }

    /** The event's name, when the organization has such an event. */
    Optional<String> eventName(String organizationId, String eventId) {
        return jdbc.queryForList("SELECT name FROM ticket_catalog_events WHERE event_id = ? AND organization_id = ?",
                String.class, eventId, organizationId).stream().findFirst();
    }
}
