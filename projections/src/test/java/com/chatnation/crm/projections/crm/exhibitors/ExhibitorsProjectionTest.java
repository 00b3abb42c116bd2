package com.chatnation.crm.projections.crm.exhibitors;

import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.exhibitor.ExhibitorAdded;
import com.chatnation.crm.domain.exhibitor.ExhibitorProductAdded;
import com.chatnation.crm.domain.exhibitor.LeadCaptured;
import com.chatnation.crm.domain.exhibitor.LeadInterestRecorded;
import com.chatnation.crm.domain.exhibitor.LeadNoteAdded;
import com.chatnation.crm.domain.exhibitor.LeadStage;
import com.chatnation.crm.domain.exhibitor.LeadStageChanged;
import com.chatnation.crm.domain.exhibitor.LeadRevisited;
import com.chatnation.crm.domain.ticketing.EventCreated;
import com.chatnation.crm.projections.TestContacts;
import com.chatnation.crm.projections.crm.events.EventsProjection;
import com.chatnation.crm.projections.queries.ExhibitorQueries;
import com.chatnation.crm.projections.queries.ExhibitorQueries.ExhibitorCount;
import com.chatnation.crm.projections.queries.ExhibitorQueries.LeadRow;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Exhibitors, their products and leads; the event's lead analytics; an erased visitor's leads gone. */
class ExhibitorsProjectionTest {

    private static final String ORG = "org-1";
    private static final String EVENT = "ev-1";
    private static final String JANE_PHONE = "+254712345678";
    private static final String OMAR_PHONE = "+254722000111";
    private static final String JANE = TestContacts.id(JANE_PHONE);
    private static final String OMAR = TestContacts.id(OMAR_PHONE);
    private static final Instant T0 = Instant.parse("2030-04-01T09:10:00Z");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final ExhibitorQueries queries = new ExhibitorQueries(new NamedParameterJdbcTemplate(jdbc));
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new EventsProjection(jdbc), new ExhibitorsProjection(jdbc));
    }

    private static String lead(String exhibitor, String contact) {
        return exhibitor + ":" + contact;
    }

    private static History history() {
        return new History()
                .add(EVENT, new EventCreated(EVENT, ORG, "TechExpo", "KICC", T0))
                .add("exh-1", new ExhibitorAdded("exh-1", ORG, EVENT, "CloudTech Ltd", "A15", null, T0))
                .add("exh-1", new ExhibitorProductAdded("exh-1", ORG, EVENT, "p-1", "Cloud Server", null, T0))
                .add("exh-2", new ExhibitorAdded("exh-2", ORG, EVENT, "DataCo", "B7", null, T0))
                .add(lead("exh-1", JANE), new LeadCaptured(lead("exh-1", JANE), "exh-1", ORG, EVENT, JANE, JANE_PHONE,
                        "Jane", "conv-jane", T0.plusSeconds(60)))
                .add(lead("exh-1", JANE), new LeadInterestRecorded(lead("exh-1", JANE), "exh-1", ORG, JANE, "p-1",
                        "Cloud Server", T0.plusSeconds(70)))
                .add(lead("exh-1", JANE), new LeadNoteAdded(lead("exh-1", JANE), "exh-1", ORG, JANE, "call me",
                        T0.plusSeconds(80)))
                .add(lead("exh-1", JANE), new LeadRevisited(lead("exh-1", JANE), "exh-1", ORG, EVENT, JANE,
                        T0.plusSeconds(3600)))
                .add(lead("exh-1", JANE), new LeadStageChanged(lead("exh-1", JANE), "exh-1", ORG, JANE,
                        LeadStage.QUALIFIED, LeadStage.NEW, "user-exh", T0.plusSeconds(3650)))
                .add(lead("exh-2", JANE), new LeadCaptured(lead("exh-2", JANE), "exh-2", ORG, EVENT, JANE, JANE_PHONE,
                        "Jane", "conv-jane", T0.plusSeconds(3700)))
                .add(lead("exh-1", OMAR), new LeadCaptured(lead("exh-1", OMAR), "exh-1", ORG, EVENT, OMAR, OMAR_PHONE,
                        null, "conv-omar", T0.plusSeconds(3800)));
    }

    @Test
    void aLeadCarriesItsProductsNoteAndVisits() {
        projector.apply(history().events());

        List<LeadRow> leads = queries.leads(ORG, "exh-1", null, 50).items();
        assertThat(leads).extracting(LeadRow::contactPhone).containsExactly(OMAR_PHONE, JANE_PHONE);
        LeadRow jane = leads.get(1);
        assertThat(jane.products()).containsExactly("Cloud Server");
        assertThat(jane.note()).isEqualTo("call me");
        assertThat(jane.visits()).isEqualTo(2);
        assertThat(jane.lastVisitAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(jane.stage()).isEqualTo("qualified");
        assertThat(leads.get(0).stage()).as("a lead nobody moved").isEqualTo("new");
        assertThat(queries.analytics(ORG, EVENT).perStage()).extracting(stage -> stage.stage() + "=" + stage.leads())
                .containsExactly("new=2", "contacted=0", "qualified=1", "won=0", "lost=0");
        assertThat(queries.leads("org-2", "exh-1", null, 50).items()).as("another organization").isEmpty();
    }

    @Test
    void analyticsCountPerExhibitorPerHourAndTheVisitorsOfSeveralBooths() {
        projector.apply(history().events());

        ExhibitorQueries.LeadAnalytics analytics = queries.analytics(ORG, EVENT);
        assertThat(analytics.leads()).isEqualTo(3);
        assertThat(analytics.visitors()).isEqualTo(2);
        assertThat(analytics.perExhibitor()).containsExactly(new ExhibitorCount("exh-1", "CloudTech Ltd", "A15", 2),
                new ExhibitorCount("exh-2", "DataCo", "B7", 1));
        assertThat(analytics.perHour()).extracting(h -> h.hour() + "=" + h.leads())
                .containsExactly("2030-04-01T09:00:00Z=1", "2030-04-01T10:00:00Z=2");
        assertThat(analytics.multiBoothVisitors()).isEqualTo(1);
        assertThat(analytics.multiBoothList()).singleElement().satisfies(visitor -> {
            assertThat(visitor.contactPhone()).isEqualTo(JANE_PHONE);
            assertThat(visitor.boothCodes()).containsExactly("A15", "B7");
        });
    }

    @Test
    void redeliveredEventsChangeNothing() {
        History history = history();
        projector.apply(history.events());
        List<String> tables = List.of("exhibitors", "exhibitor_products", "leads", "lead_products");
        Map<String, List<String>> once = Tables.snapshot(jdbc, tables);

        projector.apply(history.events().subList(1, history.events().size()));

        assertThat(Tables.snapshot(jdbc, tables)).isEqualTo(once);
    }

    @Test
    void erasingAVisitorDeletesTheirLeadsOnly() {
        projector.apply(history().add("conv-jane", new ContactErased("conv-jane", "s1", ORG, JANE, "request",
                T0.plusSeconds(4000))).events());

        assertThat(jdbc.queryForObject("SELECT count(*) FROM leads WHERE contact_id = ?::uuid", Long.class, JANE))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM lead_products", Long.class)).isZero();
        assertThat(queries.leads(ORG, "exh-1", null, 50).items()).extracting(LeadRow::contactPhone)
                .containsExactly(OMAR_PHONE);
    }
}
