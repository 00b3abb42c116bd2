package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.support.TestContacts;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.conversation.ConversationEffect;
import com.chatnation.crm.domain.conversation.RecordTicketReservation;
import com.chatnation.crm.domain.conversation.ReservationOutcome;
import com.chatnation.crm.domain.payment.PaymentPurpose;
import com.chatnation.crm.domain.payment.RequestPayment;
import com.chatnation.crm.domain.ticketing.ReservationResult;
import com.chatnation.crm.domain.ticketing.ReservationStatus;
import com.chatnation.crm.domain.ticketing.ReserveTickets;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static com.chatnation.crm.application.conversations.Fixtures.AT;
import static com.chatnation.crm.application.conversations.Fixtures.CONTACT;
import static com.chatnation.crm.application.conversations.Fixtures.CONVERSATION;
import static com.chatnation.crm.application.conversations.Fixtures.ORIGIN;
import static com.chatnation.crm.application.conversations.Fixtures.SETTINGS;
import static com.chatnation.crm.application.conversations.Fixtures.catalogNaming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketReservationProcessTest {

    private static final ConversationEffect.ReserveTickets TWO_VIP =
            new ConversationEffect.ReserveTickets("ev-1", "res-1", "vip", 2);
    private static final Instant EXPIRES = AT.plus(Duration.ofMinutes(15));

    private final RecordingCommandGateway commands = new RecordingCommandGateway();
    private final Map<String, String[]> names = new HashMap<>(Map.of("ev-1/vip", new String[]{"Jazz Night", "VIP"}));
    private final TicketReservationProcess process = new TicketReservationProcess(commands, catalogNaming(names),
            SETTINGS, Fixtures.payments(commands, false));

    @Test
    void heldTicketsAreRecordedWithWhatToPayAndByWhen() {
        commands.answering(ReserveTickets.class, reserve -> new ReservationResult("res-1", "vip", 2,
                new BigDecimal("1500"), new BigDecimal("3000"), "KES", EXPIRES, ReservationStatus.HELD));

        process.run(TWO_VIP, ORIGIN);

        assertThat(commands.sent()).containsExactly(
                new ReserveTickets("ev-1", "res-1", "vip", 2, TestContacts.id(CONTACT), CONTACT, CONVERSATION, AT, Duration.ofMinutes(15)),
                new RecordTicketReservation(CONVERSATION, "res-1", ReservationOutcome.reserved("Jazz Night", "VIP", 2,
                        new BigDecimal("3000"), "KES", EXPIRES)));
    }

    @Test
    void withMpesaTheContactsPhoneIsAskedForTheTotalUntilTheHoldEnds() {
        TicketReservationProcess prompting = new TicketReservationProcess(commands, catalogNaming(names), SETTINGS,
                Fixtures.payments(commands, true));
        commands.answering(ReserveTickets.class, reserve -> new ReservationResult("res-1", "vip", 2,
                new BigDecimal("1500"), new BigDecimal("3000.00"), "KES", EXPIRES, ReservationStatus.HELD));

        prompting.run(TWO_VIP, ORIGIN);

        RequestPayment asked = commands.the(RequestPayment.class);
        assertThat(asked.purpose()).isEqualTo(PaymentPurpose.TICKETS);
        assertThat(asked.purposeId()).isEqualTo("res-1");
        assertThat(asked.eventId()).isEqualTo("ev-1");
        assertThat(asked.amount()).isEqualByComparingTo("3000").hasScaleOf(0);
        assertThat(asked.payerPhone()).isEqualTo(CONTACT);
        assertThat(asked.conversationId()).isEqualTo(CONVERSATION);
        assertThat(asked.answerBy()).isEqualTo(AT.plus(Duration.ofMinutes(10)));
        assertThat(commands.the(RecordTicketReservation.class).outcome()).isEqualTo(ReservationOutcome.reserved(
                "Jazz Night", "VIP", 2, new BigDecimal("3000.00"), "KES", EXPIRES).withPaymentPrompt());
    }

    @Test
    void mpesaIsNotAskedForOtherCurrencies() {
        TicketReservationProcess prompting = new TicketReservationProcess(commands, catalogNaming(names), SETTINGS,
                Fixtures.payments(commands, true));
        commands.answering(ReserveTickets.class, reserve -> new ReservationResult("res-1", "vip", 2,
                new BigDecimal("15"), new BigDecimal("30"), "USD", EXPIRES, ReservationStatus.HELD));

        prompting.run(TWO_VIP, ORIGIN);

        assertThat(commands.sent()).noneMatch(RequestPayment.class::isInstance);
        assertThat(commands.the(RecordTicketReservation.class).outcome().paymentPrompted()).isFalse();
    }

    @Test
    void anEventTheCatalogNoLongerNamesIsCalledTheEvent() {
        names.clear();
        commands.answering(ReserveTickets.class, reserve -> new ReservationResult("res-1", "vip", 2,
                new BigDecimal("1500"), new BigDecimal("3000"), "KES", EXPIRES, ReservationStatus.HELD));

        process.run(TWO_VIP, ORIGIN);

        assertThat(commands.the(RecordTicketReservation.class).outcome()).isEqualTo(ReservationOutcome.reserved(
                "the event", "tickets", 2, new BigDecimal("3000"), "KES", EXPIRES));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sold_out            | 'VIP' is sold out",
            "sold_out            | only 1 'VIP' ticket is left, cannot reserve 2",
            "sales_not_open      | sales of 'VIP' open at 2025-07-01T00:00:00Z",
            "sales_closed        | sales of 'VIP' closed at 2025-05-31T00:00:00Z",
            "unknown_ticket_type | event 'ev-1' has no ticket type 'vip'",
            "invalid_quantity    | a reservation is for 1 to 10 tickets, was 11"})
    void aRefusalIsRecordedWithItsReasonSoTheConversationSaysWhy(String code, String reason) {
        commands.refusing(ReserveTickets.class, new DomainRuleViolation(code, reason));

        process.run(TWO_VIP, ORIGIN);

        assertThat(commands.sent()).hasSize(2);
        assertThat(commands.the(RecordTicketReservation.class))
                .isEqualTo(new RecordTicketReservation(CONVERSATION, "res-1", ReservationOutcome.refused(reason)));
    }

    @Test
    void anEventThatDoesNotExistFailsTheMessageAndTheConversationIsToldNothing() {
        AggregateNotFoundException missing = new AggregateNotFoundException("ev-1", "no event ev-1");
        commands.refusing(ReserveTickets.class, missing);

        assertThatThrownBy(() -> process.run(TWO_VIP, ORIGIN)).isSameAs(missing);
        assertThat(commands.sent()).noneMatch(RecordTicketReservation.class::isInstance);
    }
}
