package com.chatnation.crm.domain.conversation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The organization's event agendas (sessions, rooms, speakers), as the conversation shows them to a contact. */
public interface AgendaCatalog {

    /**
     * The agenda day to show at {@code now}: of the organization's event whose next session (one not over yet) comes
     * first, the sessions not over yet on that session's day in the agenda's time zone: today's when there are any left,
     * else the next day that has some. Empty when no event has a session to come.
     */
    Optional<AgendaDay> agendaDay(String organizationId, Instant now);

    /**
     * A session of the organization that is not cancelled, with its speakers in panel order, and whether the contact
     * of {@code conversationId} has a reminder of it pending.
     */
    Optional<SessionDetail> session(String organizationId, String sessionId, String conversationId);

    /** A catalog without agendas, for organizations and tests that have none. */
    AgendaCatalog NONE = new AgendaCatalog() {
        @Override
        public Optional<AgendaDay> agendaDay(String organizationId, Instant now) {
            return Optional.empty();
        }

        @Override
        public Optional<SessionDetail> session(String organizationId, String sessionId, String conversationId) {
            return Optional.empty();
        }
    };

    /** {@code timeZone}: the agenda's IANA zone, in which {@code day} and the sessions' times are told. */
    record AgendaDay(String eventId, LocalDate day, String timeZone, List<SessionSummary> sessions) {
        public AgendaDay {
            sessions = List.copyOf(sessions);
        }
    }

    /** {@code room} null when the agenda names none. */
    record SessionSummary(String sessionId, String title, Instant startsAt, Instant endsAt, String room) {
    }

    record SessionDetail(String sessionId, String eventId, String title, String description, Instant startsAt,
                         Instant endsAt, String room, String timeZone, List<SpeakerOnStage> speakers,
                         boolean reminderPending) {
        public SessionDetail {
            speakers = List.copyOf(speakers);
        }
    }

    /** {@code title} and {@code company} null when not said. */
    record SpeakerOnStage(String name, String title, String company) {
    }
}
