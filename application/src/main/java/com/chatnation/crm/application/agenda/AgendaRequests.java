package com.chatnation.crm.application.agenda;

import com.chatnation.crm.domain.agenda.SessionDetails;
import com.chatnation.crm.domain.agenda.SpeakerProfile;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** The bodies of the agenda's requests; lengths and the rules between fields are the domain's to check. */
final class AgendaRequests {

    private AgendaRequests() {
    }

    /** {@code timeZone}: the agenda's IANA zone, taken from its first session (Africa/Nairobi when not given). */
    record SessionRequest(@Size(max = 1000) String title, @Size(max = 5000) String description,
                          @NotNull Instant startsAt, @NotNull Instant endsAt, @Size(max = 200) String room,
                          Integer capacity, @Size(max = 64) String venueId, @Size(max = 64) String timeZone) {

        SessionDetails details() {
            return new SessionDetails(title, description, startsAt, endsAt, room, capacity, venueId);
        }
    }

    record SpeakerRequest(@Size(max = 1000) String name, @Size(max = 1000) String title,
                          @Size(max = 1000) String company, @Size(max = 5000) String bio) {

        SpeakerProfile profile() {
            return new SpeakerProfile(name, title, company, bio);
        }
    }

    record VenueRequest(@Size(max = 1000) String name, @Size(max = 1000) String address, Integer capacity) {
    }
}
