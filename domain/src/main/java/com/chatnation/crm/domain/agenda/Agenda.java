package com.chatnation.crm.domain.agenda;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An event's agenda: its sessions, their rooms and times, and who presents each (a panel when several do). One stream
 * per event, so a session's time and its speakers change in order. Speakers and venues are reusable across events and
 * are aggregates of their own ({@link Speaker}, {@link Venue}); the agenda asks the {@link AgendaDirectory} whether one
 * exists. The reminders contacts ask for are not part of it either ({@link SessionReminder}): a popular session would
 * otherwise make every request contend on the agenda's stream.
 */
public class Agenda {

    public static final String DEFAULT_TIME_ZONE = "Africa/Nairobi";
    public static final int MAX_TITLE_LENGTH = 120;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    public static final int MAX_ROOM_LENGTH = 60;
    /** A bound on what loading the aggregate costs: a week-long conference of many tracks. */
    public static final int MAX_SESSIONS = 500;
    public static final int MAX_SPEAKERS_PER_SESSION = 20;

    @AggregateIdentifier
    private String agendaId;
    private String eventId;
    private String organizationId;
    private String zone;
    private final Map<String, Session> sessions = new HashMap<>();

    private static final class Session {
        SessionDetails details;
        boolean cancelled;
        final List<String> speakers = new ArrayList<>();

        @Override
        public boolean equals(Object other) {
            return other instanceof Session session && cancelled == session.cancelled
                    && Objects.equals(details, session.details) && speakers.equals(session.speakers);
        }

        @Override
        public int hashCode() {
            return Objects.hash(details, cancelled, speakers);
        }
    }

    protected Agenda() {
        // required by the event-sourcing repository, and the creation policy below
    }

    /** The agenda's stream id: another prefix than the event's own stream, whose id is the event's. */
    public static String idOf(String eventId) {
        return "agenda:" + eventId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AddSession command, AgendaDirectory directory) {
        requireText(command.agendaId(), "agenda id");
        requireText(command.eventId(), "event id");
        requireText(command.organizationId(), "organization id");
        requireText(command.sessionId(), "session id");
        if (!command.agendaId().equals(idOf(command.eventId()))) {
            throw new DomainRuleViolation("invalid_agenda_id", "an agenda's id is made of its event's");
        }
        Instant at = at(command.at());
        if (agendaId == null) {
            apply(new AgendaOpened(command.agendaId(), command.eventId(), command.organizationId(),
                    timeZone(command.timeZone()), at));
        } else {
            requireOwned(command.organizationId());
            if (command.timeZone() != null && !command.timeZone().isBlank()
                    && !timeZone(command.timeZone()).equals(zone)) {
                throw new DomainRuleViolation("time_zone_mismatch", "the agenda is told in " + zone + ", not "
                        + command.timeZone().strip());
            }
        }
        if (sessions.containsKey(command.sessionId())) {
            throw new DomainRuleViolation("duplicate_session", "the agenda already has a session "
                    + command.sessionId());
        }
        if (sessions.size() >= MAX_SESSIONS) {
            throw new DomainRuleViolation("too_many_sessions", "an agenda holds at most " + MAX_SESSIONS + " sessions");
        }
        SessionDetails details = valid(command.details(), directory);
        apply(new SessionAdded(agendaId, eventId, organizationId, command.sessionId(), details, at));
    }

    @CommandHandler
    public void handle(ChangeSession command, AgendaDirectory directory) {
        Session session = open(command.organizationId(), command.sessionId());
        SessionDetails details = valid(command.details(), directory);
        if (details.equals(session.details)) {
            return;
        }
        apply(new SessionChanged(agendaId, eventId, organizationId, command.sessionId(), details,
                session.details.startsAt(), at(command.at())));
    }

    @CommandHandler
    public void handle(CancelSession command) {
        requireOwned(command.organizationId());
        Session session = sessions.get(command.sessionId());
        if (session == null) {
            throw unknownSession(command.sessionId());
        }
        if (session.cancelled) {
            return; // cancelling twice is the same as once
        }
        apply(new SessionCancelled(agendaId, eventId, organizationId, command.sessionId(), session.details.title(),
                session.details.startsAt(), at(command.at())));
    }

    @CommandHandler
    public void handle(AssignSpeaker command, AgendaDirectory directory) {
        Session session = open(command.organizationId(), command.sessionId());
        requireText(command.speakerId(), "speaker id");
        if (!directory.speakerExists(organizationId, command.speakerId())) {
            throw new DomainRuleViolation("unknown_speaker", "no speaker " + command.speakerId()
                    + " in this organization");
        }
        if (session.speakers.contains(command.speakerId())) {
            return;
        }
        if (session.speakers.size() >= MAX_SPEAKERS_PER_SESSION) {
            throw new DomainRuleViolation("too_many_speakers", "a session has at most " + MAX_SPEAKERS_PER_SESSION
                    + " speakers");
        }
        apply(new SpeakerAssigned(agendaId, eventId, organizationId, command.sessionId(), command.speakerId(),
                session.speakers.size(), at(command.at())));
    }

    @CommandHandler
    public void handle(UnassignSpeaker command) {
        Session session = open(command.organizationId(), command.sessionId());
        if (!session.speakers.contains(command.speakerId())) {
            return;
        }
        apply(new SpeakerUnassigned(agendaId, eventId, organizationId, command.sessionId(), command.speakerId(),
                at(command.at())));
    }

    /** A session that may still change: on this agenda and not cancelled. */
    private Session open(String organization, String sessionId) {
        requireOwned(organization);
        Session session = sessions.get(sessionId);
        if (session == null) {
            throw unknownSession(sessionId);
        }
        if (session.cancelled) {
            throw new DomainRuleViolation("session_cancelled", "session " + sessionId + " was cancelled");
        }
        return session;
    }

    private static DomainRuleViolation unknownSession(String sessionId) {
        return new DomainRuleViolation("not_found", "no session " + sessionId + " on this agenda");
    }

    /** Another organization's agenda is answered as if there were none. */
    private void requireOwned(String organization) {
        if (!Objects.equals(organizationId, organization)) {
            throw new DomainRuleViolation("not_found", "no agenda " + agendaId + " in this organization");
        }
    }

    private SessionDetails valid(SessionDetails given, AgendaDirectory directory) {
        if (given == null) {
            throw new DomainRuleViolation("invalid_session", "a session needs its details");
        }
        String title = stripToNull(given.title());
        if (title == null || title.length() > MAX_TITLE_LENGTH) {
            throw new DomainRuleViolation("invalid_title", "a session's title is 1 to " + MAX_TITLE_LENGTH
                    + " characters");
        }
        String description = stripToNull(given.description());
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new DomainRuleViolation("invalid_description", "a session's description takes at most "
                    + MAX_DESCRIPTION_LENGTH + " characters");
        }
        if (given.startsAt() == null || given.endsAt() == null) {
            throw new DomainRuleViolation("invalid_time", "a session has a start and an end");
        }
        if (!given.endsAt().isAfter(given.startsAt())) {
            throw new DomainRuleViolation("ends_before_start", "a session ends after it starts");
        }
        String room = stripToNull(given.room());
        if (room != null && room.length() > MAX_ROOM_LENGTH) {
            throw new DomainRuleViolation("invalid_room", "a room's name is at most " + MAX_ROOM_LENGTH
                    + " characters");
        }
        if (given.capacity() != null && given.capacity() < 0) {
            throw new DomainRuleViolation("invalid_capacity", "a session's capacity is 0 or more, got "
                    + given.capacity());
        }
        String venueId = stripToNull(given.venueId());
        if (venueId != null && !directory.venueExists(organizationId, venueId)) {
            throw new DomainRuleViolation("unknown_venue", "no venue " + venueId + " in this organization");
        }
        return new SessionDetails(title, description, given.startsAt(), given.endsAt(), room, given.capacity(),
                venueId);
    }

    static String timeZone(String given) {
        if (given == null || given.isBlank()) {
            return DEFAULT_TIME_ZONE;
        }
        try {
            return ZoneId.of(given.strip()).getId();
        } catch (DateTimeException unknown) {
            throw new DomainRuleViolation("invalid_time_zone", "unknown time zone " + given.strip());
        }
    }

    static Instant at(Instant given) {
        return given == null ? Instant.now() : given;
    }

    static String stripToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @EventSourcingHandler
    void on(AgendaOpened event) {
        agendaId = event.agendaId();
        eventId = event.eventId();
        organizationId = event.organizationId();
        zone = event.timeZone();
    }

    @EventSourcingHandler
    void on(SessionAdded event) {
        Session session = new Session();
        session.details = event.details();
        sessions.put(event.sessionId(), session);
    }

    @EventSourcingHandler
    void on(SessionChanged event) {
        sessions.get(event.sessionId()).details = event.details();
    }

    @EventSourcingHandler
    void on(SessionCancelled event) {
        sessions.get(event.sessionId()).cancelled = true;
    }

    @EventSourcingHandler
    void on(SpeakerAssigned event) {
        sessions.get(event.sessionId()).speakers.add(event.speakerId());
    }

    @EventSourcingHandler
    void on(SpeakerUnassigned event) {
        sessions.get(event.sessionId()).speakers.remove(event.speakerId());
    }
}
