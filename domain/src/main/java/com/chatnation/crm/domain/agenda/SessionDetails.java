package com.chatnation.crm.domain.agenda;

import java.time.Instant;

/**
 * What an organizer says about a session: its title, an optional description, when it starts and ends, the room, how
 * many it seats (null: not said) and the saved venue it is at (null: the event's own).
 */
public record SessionDetails(String title, String description, Instant startsAt, Instant endsAt, String room,
                             Integer capacity, String venueId) {
}
