package com.chatnation.crm.projections.crm.agenda;

import com.chatnation.crm.domain.agenda.Agenda;
import com.chatnation.crm.domain.agenda.AgendaOpened;
import com.chatnation.crm.domain.agenda.ReminderCancelled;
import com.chatnation.crm.domain.agenda.ReminderRequested;
import com.chatnation.crm.domain.agenda.ReminderSent;
import com.chatnation.crm.domain.agenda.SessionAdded;
import com.chatnation.crm.domain.agenda.SessionCancelled;
import com.chatnation.crm.domain.agenda.SessionChanged;
import com.chatnation.crm.domain.agenda.SessionDetails;
import com.chatnation.crm.domain.agenda.SpeakerAssigned;
import com.chatnation.crm.domain.agenda.SpeakerChanged;
import com.chatnation.crm.domain.agenda.SpeakerCreated;
import com.chatnation.crm.domain.agenda.SpeakerProfile;
import com.chatnation.crm.domain.agenda.SpeakerUnassigned;
import com.chatnation.crm.domain.agenda.VenueCreated;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.projections.queries.AgendaQueries;
import com.chatnation.crm.projections.queries.AgendaQueries.AgendaView;
import com.chatnation.crm.projections.queries.AgendaQueries.SessionRow;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** An event's agenda as the read side shows it: sessions in time order, panels in order, reminders per session. */
class AgendaProjectionTest {

    private static final String ORG = "org-1";
    private static final String EVENT = "ev-1";
    private static final String AGENDA = Agenda.idOf(EVENT);
    private static final Instant AT = Instant.parse("2030-04-01T05:00:00Z");
    private static final Instant NINE = Instant.parse("2030-04-01T06:00:00Z");
    private static final Instant TEN = Instant.parse("2030-04-01T07:00:00Z");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final AgendaQueries queries = new AgendaQueries(new NamedParameterJdbcTemplate(jdbc));
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new AgendaProjection(jdbc));
    }

    @Test
    void theAgendaShowsSessionsInTimeOrderWithTheirPanelsAndReminders() {
        SessionDetails panel = new SessionDetails("Panel", "Fintech", TEN, TEN.plusSeconds(3600), "Hall A", 80,
                "ven-1");
        SessionDetails keynote = new SessionDetails("Keynote", null, NINE, TEN, null, null, null);
        History history = new History()
                .add("ven-1", new VenueCreated("ven-1", ORG, "KICC", null, 5000, AT))
                .add("spk-1", new SpeakerCreated("spk-1", ORG, new SpeakerProfile("Amina", "CTO", "Acme", null), AT))
                .add("spk-1", new SpeakerChanged("spk-1", ORG, new SpeakerProfile("Amina", "CEO", "Acme", null), AT))
                .add("spk-2", new SpeakerCreated("spk-2", ORG, new SpeakerProfile("Otieno", null, null, null), AT))
                .add("spk-3", new SpeakerCreated("spk-3", ORG, new SpeakerProfile("Eve", null, null, null), AT))
                .add(AGENDA, new AgendaOpened(AGENDA, EVENT, ORG, "Africa/Nairobi", AT))
                .add(AGENDA, new SessionAdded(AGENDA, EVENT, ORG, "ses-panel", panel, AT))
                .add(AGENDA, new SessionAdded(AGENDA, EVENT, ORG, "ses-keynote", keynote, AT))
                .add(AGENDA, new SpeakerAssigned(AGENDA, EVENT, ORG, "ses-panel", "spk-2", 0, AT))
                .add(AGENDA, new SpeakerAssigned(AGENDA, EVENT, ORG, "ses-panel", "spk-3", 1, AT))
                .add(AGENDA, new SpeakerAssigned(AGENDA, EVENT, ORG, "ses-panel", "spk-1", 2, AT))
                .add(AGENDA, new SpeakerUnassigned(AGENDA, EVENT, ORG, "ses-panel", "spk-3", AT))
                .add(AGENDA, new SessionChanged(AGENDA, EVENT, ORG, "ses-keynote", new SessionDetails("Keynote", null,
                        NINE.minusSeconds(1800), TEN, "Main hall", null, null), NINE, AT))
                .add(AGENDA, new SessionCancelled(AGENDA, EVENT, ORG, "ses-keynote", "Keynote", NINE, AT))
                .add("r-1", new ReminderRequested("r-1", ORG, EVENT, "ses-panel", "c-1", "conv-1", TEN, 900,
                        TEN.minusSeconds(900), AT))
                .add("r-2", new ReminderRequested("r-2", ORG, EVENT, "ses-panel", "c-2", "conv-2", TEN, 900,
                        TEN.minusSeconds(900), AT))
                .add("r-3", new ReminderRequested("r-3", ORG, EVENT, "ses-panel", "c-3", "conv-3", TEN, 900,
                        TEN.minusSeconds(900), AT))
                .add("r-4", new ReminderRequested("r-4", ORG, EVENT, "ses-panel", "c-4", "conv-4", TEN, 900,
                        TEN.minusSeconds(900), AT))
                .add("r-1", new ReminderSent("r-1", ORG, EVENT, "ses-panel", "c-1", "conv-1", "reply-1", TEN))
                .add("r-2", new ReminderCancelled("r-2", ORG, EVENT, "ses-panel", "c-2", "contact", AT))
                .add("c-4", new ContactErased("conv-4", "s-4", ORG, "c-4", "asked", AT));
        projector.apply(history.events());

        AgendaView agenda = queries.agenda(ORG, EVENT).orElseThrow();
        assertThat(agenda.timeZone()).isEqualTo("Africa/Nairobi");
        assertThat(agenda.sessions()).extracting(SessionRow::id).containsExactly("ses-keynote", "ses-panel");
        SessionRow cancelled = agenda.sessions().get(0);
        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.startsAt()).isEqualTo(NINE.minusSeconds(1800));
        assertThat(cancelled.room()).isEqualTo("Main hall");
        SessionRow shown = agenda.sessions().get(1);
        assertThat(shown.status()).isEqualTo("scheduled");
        assertThat(shown.capacity()).isEqualTo(80);
        assertThat(shown.venueId()).isEqualTo("ven-1");
        assertThat(shown.speakers()).extracting(AgendaQueries.SpeakerRow::name).containsExactly("Otieno", "Amina");
        assertThat(shown.speakers().get(1).title()).isEqualTo("CEO");
        // one sent, one cancelled, one pending; the erased contact's reminder is gone
        assertThat(shown.remindersSent()).isEqualTo(1);
        assertThat(shown.remindersPending()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM session_reminders WHERE contact_id = 'c-4'",
                Long.class)).isZero();
        assertThat(queries.venues(ORG)).extracting(AgendaQueries.VenueRow::capacity).containsExactly(5000);
        assertThat(queries.agenda("org-2", EVENT)).isEmpty();
        assertThat(queries.speakers("org-2")).isEmpty();
    }
}
