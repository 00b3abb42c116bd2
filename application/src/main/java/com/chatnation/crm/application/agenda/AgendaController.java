package com.chatnation.crm.application.agenda;

import com.chatnation.crm.application.agenda.AgendaRequests.SessionRequest;
import com.chatnation.crm.application.agenda.AgendaRequests.SpeakerRequest;
import com.chatnation.crm.application.agenda.AgendaRequests.VenueRequest;
import com.chatnation.crm.application.platform.web.KnownOrganizations;
import com.chatnation.crm.projections.queries.AgendaQueries;
import com.chatnation.crm.projections.queries.AgendaQueries.AgendaView;
import com.chatnation.crm.projections.queries.AgendaQueries.SpeakerRow;
import com.chatnation.crm.projections.queries.AgendaQueries.VenueRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Events' agendas: the organization's venues and speakers (reusable across its events), each event's sessions with
 * their times, rooms and panels, and how many contacts asked to be reminded of each. Another organization's venue,
 * speaker, event or session is answered as if there were none; a rule a session, speaker or venue breaks is a 422
 * naming it ({@code ends_before_start}, {@code invalid_capacity}, {@code unknown_speaker}, …).
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}")
@Tag(name = "Agenda")
@SecurityRequirement(name = "bearer")
class AgendaController {

    private final Agendas agendas;
    private final AgendaQueries queries;
    private final KnownOrganizations organizations;

    AgendaController(Agendas agendas, AgendaQueries queries, KnownOrganizations organizations) {
        this.agendas = agendas;
        this.queries = queries;
        this.organizations = organizations;
    }

    record VenueCreated(String venueId) {
    }

    record SpeakerCreated(String speakerId) {
    }

    record SessionCreated(String sessionId) {
    }

    @GetMapping("/venues")
    @Operation(summary = "The organization's venues, by name")
    List<VenueRow> venues(@PathVariable String orgId) {
        return queries.venues(orgId);
    }

    @PostMapping("/venues")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Save a venue: a name, an optional address and capacity (0 or more)")
    VenueCreated createVenue(@PathVariable String orgId, @Valid @RequestBody VenueRequest request) {
        organizations.require(orgId);
        return new VenueCreated(agendas.createVenue(orgId, request));
    }

    @PutMapping("/venues/{venueId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Replace what is saved about a venue")
    void changeVenue(@PathVariable String orgId, @PathVariable String venueId,
                     @Valid @RequestBody VenueRequest request) {
        agendas.changeVenue(orgId, venueId, request);
    }

    @GetMapping("/speakers")
    @Operation(summary = "The organization's speakers, by name")
    List<SpeakerRow> speakers(@PathVariable String orgId) {
        return queries.speakers(orgId);
    }

    @PostMapping("/speakers")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a speaker (name; title, company and bio optional), reusable on any event's sessions")
    SpeakerCreated createSpeaker(@PathVariable String orgId, @Valid @RequestBody SpeakerRequest request) {
        organizations.require(orgId);
        return new SpeakerCreated(agendas.createSpeaker(orgId, request));
    }

    @PutMapping("/speakers/{speakerId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Replace a speaker's profile; every session they present shows the new one")
    void changeSpeaker(@PathVariable String orgId, @PathVariable String speakerId,
                       @Valid @RequestBody SpeakerRequest request) {
        agendas.changeSpeaker(orgId, speakerId, request);
    }

    @GetMapping("/events/{eventId}/agenda")
    @Operation(summary = "An event's agenda: its time zone and its sessions in time order, each with its panel and "
            + "how many reminders are pending and were sent")
    AgendaView agenda(@PathVariable String orgId, @PathVariable String eventId) {
        return queries.agenda(orgId, eventId).orElseThrow(() -> AgendaRefusal.notFound("agenda for event " + eventId));
    }

    @PostMapping("/events/{eventId}/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Put a session on an event's agenda: title, description, startsAt, endsAt, room, capacity, "
            + "venueId", description = "The first session opens the agenda in timeZone (Africa/Nairobi when not "
            + "given), the zone the bot tells days and times in. 404 for an unknown event or venue; 422 naming the "
            + "rule broken (ends_before_start, invalid_capacity, invalid_title, …).")
    SessionCreated addSession(@PathVariable String orgId, @PathVariable String eventId,
                              @Valid @RequestBody SessionRequest request) {
        return new SessionCreated(agendas.addSession(orgId, eventId, request));
    }

    @PutMapping("/events/{eventId}/sessions/{sessionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Replace a session's details; its pending reminders follow a new start")
    void changeSession(@PathVariable String orgId, @PathVariable String eventId, @PathVariable String sessionId,
                       @Valid @RequestBody SessionRequest request) {
        agendas.changeSession(orgId, eventId, sessionId, request);
    }

    @PostMapping("/events/{eventId}/sessions/{sessionId}/cancel")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Cancel a session: its pending reminders are cancelled and the contacts who asked are told")
    void cancelSession(@PathVariable String orgId, @PathVariable String eventId, @PathVariable String sessionId) {
        agendas.cancelSession(orgId, eventId, sessionId);
    }

    @PutMapping("/events/{eventId}/sessions/{sessionId}/speakers/{speakerId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Put a speaker on a session (several make a panel, in the order they were put on)")
    void assignSpeaker(@PathVariable String orgId, @PathVariable String eventId, @PathVariable String sessionId,
                       @PathVariable String speakerId) {
        agendas.assignSpeaker(orgId, eventId, sessionId, speakerId);
    }

    @DeleteMapping("/events/{eventId}/sessions/{sessionId}/speakers/{speakerId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Take a speaker off a session")
    void unassignSpeaker(@PathVariable String orgId, @PathVariable String eventId, @PathVariable String sessionId,
                         @PathVariable String speakerId) {
        agendas.unassignSpeaker(orgId, eventId, sessionId, speakerId);
    }
}
