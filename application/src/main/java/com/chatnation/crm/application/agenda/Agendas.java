package com.chatnation.crm.application.agenda;

import com.chatnation.crm.application.agenda.AgendaRequests.SessionRequest;
import com.chatnation.crm.application.agenda.AgendaRequests.SpeakerRequest;
import com.chatnation.crm.application.agenda.AgendaRequests.VenueRequest;
import com.chatnation.crm.application.platform.web.ReadYourWrites;
import com.chatnation.crm.domain.agenda.AddSession;
import com.chatnation.crm.domain.agenda.Agenda;
import com.chatnation.crm.domain.agenda.AssignSpeaker;
import com.chatnation.crm.domain.agenda.CancelSession;
import com.chatnation.crm.domain.agenda.ChangeSession;
import com.chatnation.crm.domain.agenda.ChangeSpeaker;
import com.chatnation.crm.domain.agenda.ChangeVenue;
import com.chatnation.crm.domain.agenda.CreateSpeaker;
import com.chatnation.crm.domain.agenda.CreateVenue;
import com.chatnation.crm.domain.agenda.UnassignSpeaker;
import com.chatnation.crm.projections.queries.EventQueries;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.UUID;

/**
 * Venues, speakers and the sessions of events' agendas, for the API and the dashboard alike. Whether an event exists
 * is read from the events' read table (waiting briefly for one just created); whether a session, speaker or venue does
 * from the command side's agenda catalog, which their events keep in their own transaction.
 */
@Service
class Agendas {

    private final CommandGateway commands;
    private final JdbcAgendaCatalog catalog;
    private final EventQueries events;

    Agendas(CommandGateway commands, JdbcAgendaCatalog catalog, EventQueries events) {
        this.commands = commands;
        this.catalog = catalog;
        this.events = events;
    }

    String createVenue(String organizationId, VenueRequest request) {
        String venueId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateVenue(venueId, organizationId, request.name(), request.address(),
                request.capacity(), Instant.now()));
        return venueId;
    }

    void changeVenue(String organizationId, String venueId, VenueRequest request) {
        if (!catalog.venueExists(organizationId, venueId)) {
            throw AgendaRefusal.notFound("venue " + venueId);
        }
        commands.sendAndWait(new ChangeVenue(venueId, organizationId, request.name(), request.address(),
                request.capacity(), Instant.now()));
    }

    String createSpeaker(String organizationId, SpeakerRequest request) {
        String speakerId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateSpeaker(speakerId, organizationId, request.profile(), Instant.now()));
        return speakerId;
    }

    void changeSpeaker(String organizationId, String speakerId, SpeakerRequest request) {
        if (!catalog.speakerExists(organizationId, speakerId)) {
            throw AgendaRefusal.notFound("speaker " + speakerId);
        }
        commands.sendAndWait(new ChangeSpeaker(speakerId, organizationId, request.profile(), Instant.now()));
    }

    String addSession(String organizationId, String eventId, SessionRequest request) {
        requireEvent(organizationId, eventId);
        String sessionId = UUID.randomUUID().toString();
        commands.sendAndWait(new AddSession(Agenda.idOf(eventId), eventId, organizationId, sessionId,
                request.details(), request.timeZone(), Instant.now()));
        return sessionId;
    }

    void changeSession(String organizationId, String eventId, String sessionId, SessionRequest request) {
        requireSession(organizationId, eventId, sessionId);
        commands.sendAndWait(new ChangeSession(Agenda.idOf(eventId), organizationId, sessionId, request.details(),
                Instant.now()));
    }

    /** Cancels the session; its pending reminders are cancelled, and those who asked told, by the reminder schedule. */
    void cancelSession(String organizationId, String eventId, String sessionId) {
        requireSession(organizationId, eventId, sessionId);
        commands.sendAndWait(new CancelSession(Agenda.idOf(eventId), organizationId, sessionId, Instant.now()));
    }

    void assignSpeaker(String organizationId, String eventId, String sessionId, String speakerId) {
        requireSession(organizationId, eventId, sessionId);
        commands.sendAndWait(new AssignSpeaker(Agenda.idOf(eventId), organizationId, sessionId, speakerId,
                Instant.now()));
    }

    void unassignSpeaker(String organizationId, String eventId, String sessionId, String speakerId) {
        requireSession(organizationId, eventId, sessionId);
        commands.sendAndWait(new UnassignSpeaker(Agenda.idOf(eventId), organizationId, sessionId, speakerId,
                Instant.now()));
    }

    /** An event of the organization's, one created a moment ago included. */
    void requireEvent(String organizationId, String eventId) {
        ReadYourWrites.await(() -> events.event(organizationId, eventId).isPresent());
        if (events.event(organizationId, eventId).isEmpty()) {
            throw AgendaRefusal.notFound("event " + eventId);
        }
    }

    private void requireSession(String organizationId, String eventId, String sessionId) {
        if (!catalog.hasSession(organizationId, eventId, sessionId)) {
            throw AgendaRefusal.notFound("session " + sessionId + " on the agenda of event " + eventId);
        }
    }

    /** Whether the agenda catalog knows the event's agenda (a session was ever added). */
    boolean hasAgenda(String organizationId, String eventId) {
        return catalog.timeZone(organizationId, eventId).isPresent();
    }

}
