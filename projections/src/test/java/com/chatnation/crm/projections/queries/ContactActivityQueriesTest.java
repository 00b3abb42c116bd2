package com.chatnation.crm.projections.queries;

import com.chatnation.crm.domain.survey.AnswerValue;
import com.chatnation.crm.domain.survey.Option;
import com.chatnation.crm.domain.survey.Question;
import com.chatnation.crm.domain.survey.QuestionAnswered;
import com.chatnation.crm.domain.survey.QuestionType;
import com.chatnation.crm.domain.survey.SurveyDefinition;
import com.chatnation.crm.domain.survey.SurveyPublished;
import com.chatnation.crm.domain.survey.SurveyResponseCompleted;
import com.chatnation.crm.domain.survey.SurveyResponseStarted;
import com.chatnation.crm.domain.ticketing.EventCreated;
import com.chatnation.crm.domain.ticketing.TicketReservationCancelled;
import com.chatnation.crm.domain.ticketing.TicketReservationExpired;
import com.chatnation.crm.domain.ticketing.TicketTypeAdded;
import com.chatnation.crm.domain.ticketing.TicketsIssued;
import com.chatnation.crm.domain.ticketing.TicketsReserved;
import com.chatnation.crm.projections.TestContacts;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.chatnation.crm.projections.crm.events.EventsProjection;
import com.chatnation.crm.projections.crm.surveys.SurveysProjection;
import com.chatnation.crm.projections.queries.ContactActivityQueries.Answer;
import com.chatnation.crm.projections.queries.ContactActivityQueries.ReservationRow;
import com.chatnation.crm.projections.queries.ContactActivityQueries.SurveyResponseRow;
import com.chatnation.crm.projections.queries.ContactActivityQueries.TicketRow;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a contact's profile page lists besides conversations: survey answers with their questions, tickets. */
class ContactActivityQueriesTest {

    private static final String ORG = "org-1";
    private static final String SURVEY = "sv-1";
    private static final String EVENT = "ev-1";
    private static final String AMINA = "+254712345678";
    private static final String BARAKA = "+254722000111";

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final ContactActivityQueries queries = new ContactActivityQueries(new NamedParameterJdbcTemplate(jdbc),
            Tables.objectMapper());

    @BeforeEach
    void history() {
        Tables.clear(jdbc);
        SurveyDefinition definition = new SurveyDefinition(SURVEY, 1, ORG, "Expo feedback", "Quick feedback",
                "Thanks!", List.of(Question.of("q1", "Rate the event", QuestionType.RATING),
                Question.of("q2", "Anything else?", QuestionType.FREE_TEXT).optional(),
                Question.choice("q3", "How did you hear?", QuestionType.SINGLE_CHOICE,
                        List.of(new Option("radio", "Radio"), new Option("friend", "A friend")))),
                List.of("FEEDBACK"));
        String amina = TestContacts.id(AMINA);
        new Projector(new SurveysProjection(jdbc, Tables.objectMapper())).apply(new History()
                .add(SURVEY, new SurveyPublished(SURVEY, ORG, 1, definition))
                .add("resp-1", new SurveyResponseStarted("resp-1", ORG, SURVEY, 1, amina, AMINA, "stream-1", "keyword",
                        definition, Duration.ofMinutes(30)))
                // answered out of the questions' order: the page lists them as the survey asks them
                .add("resp-1", new QuestionAnswered("resp-1", ORG, SURVEY, 1, "q3", QuestionType.SINGLE_CHOICE,
                        AnswerValue.choices(List.of(new Option("radio", "Radio"))), "wamid.2", amina))
                .add("resp-1", new QuestionAnswered("resp-1", ORG, SURVEY, 1, "q1", QuestionType.RATING,
                        AnswerValue.number(4), "wamid.1", amina))
                .add("resp-1", new SurveyResponseCompleted("resp-1", ORG, SURVEY, 1, amina, 2, 0.5))
                .events());

        Instant starts = Instant.parse("2025-06-01T09:00:00Z");
        Instant expires = Instant.parse("2025-03-01T09:00:00Z");
        String baraka = TestContacts.id(BARAKA);
        new Projector(new EventsProjection(jdbc)).apply(new History()
                .add(EVENT, new EventCreated(EVENT, ORG, "TechExpo", "KICC", starts))
                .add(EVENT, new TicketTypeAdded(EVENT, ORG, "vip", "VIP", new BigDecimal("5000"), "KES", 100, null,
                        starts))
                .add(EVENT, new TicketsReserved(EVENT, ORG, "res-1", "vip", 2, amina, AMINA, null,
                        new BigDecimal("5000"), new BigDecimal("10000"), "KES", expires, 98))
                .add(EVENT, new TicketsIssued(EVENT, ORG, "res-1", "vip", amina, AMINA,
                        List.of("TECH-VIP-A1", "TECH-VIP-A2"), "mpesa-1", new BigDecimal("10000"), "KES"))
                .add(EVENT, new TicketsReserved(EVENT, ORG, "res-2", "vip", 3, baraka, BARAKA, null,
                        new BigDecimal("5000"), new BigDecimal("15000"), "KES", expires, 95))
                .add(EVENT, new TicketReservationExpired(EVENT, ORG, "res-2", "vip", 3, 98))
                .add(EVENT, new TicketsReserved(EVENT, ORG, "res-3", "vip", 1, baraka, BARAKA, null,
                        new BigDecimal("5000"), new BigDecimal("5000"), "KES", expires, 97))
                .add(EVENT, new TicketReservationCancelled(EVENT, ORG, "res-3", "vip", 1, "changed mind", 98))
                .events());
    }

    @Test
    void aContactsSurveyResponsesCarryTheQuestionsTextsInTheSurveysOrder() {
        List<SurveyResponseRow> responses = queries.surveyResponses(ORG, contact(AMINA), 50);

        assertThat(responses).hasSize(1);
        SurveyResponseRow response = responses.get(0);
        assertThat(response.surveyTitle()).isEqualTo("Expo feedback");
        assertThat(response.status()).isEqualTo("completed");
        assertThat(response.completedAt()).isNotNull();
        assertThat(response.answers()).extracting(Answer::question)
                .containsExactly("Rate the event", "How did you hear?");
        assertThat(response.answers().get(0).answer()).contains("4");
        assertThat(response.answers().get(1).answer()).contains("Radio");

        assertThat(queries.surveyResponses("org-2", contact(AMINA), 50)).as("another organization's").isEmpty();
        assertThat(queries.surveyResponses(ORG, contact(BARAKA), 50)).isEmpty();
    }

    @Test
    void aContactsTicketsAndTheReservationsThatDidNotBecomeTickets() {
        List<TicketRow> tickets = queries.tickets(ORG, contact(AMINA), 50);
        assertThat(tickets).extracting(TicketRow::code).containsExactlyInAnyOrder("TECH-VIP-A1", "TECH-VIP-A2");
        assertThat(tickets).allSatisfy(ticket -> {
            assertThat(ticket.eventName()).isEqualTo("TechExpo");
            assertThat(ticket.ticketTypeName()).isEqualTo("VIP");
            assertThat(ticket.price()).isEqualByComparingTo("5000");
            assertThat(ticket.status()).isEqualTo("valid");
        });
        assertThat(queries.openReservations(ORG, contact(AMINA), 50)).as("an issued reservation is its tickets")
                .isEmpty();

        List<ReservationRow> open = queries.openReservations(ORG, contact(BARAKA), 50);
        assertThat(open).extracting(ReservationRow::id, ReservationRow::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("res-2", "expired"),
                        org.assertj.core.groups.Tuple.tuple("res-3", "cancelled"));
        assertThat(open).allSatisfy(reservation -> assertThat(reservation.eventName()).isEqualTo("TechExpo"));
        assertThat(queries.tickets(ORG, contact(BARAKA), 50)).isEmpty();
        assertThat(queries.tickets("org-2", contact(AMINA), 50)).isEmpty();
    }

    private static UUID contact(String phone) {
        return ContactIds.of(TestContacts.id(phone));
    }
}
