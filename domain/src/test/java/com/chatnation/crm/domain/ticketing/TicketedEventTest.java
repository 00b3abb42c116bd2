package com.chatnation.crm.domain.ticketing;

import com.chatnation.crm.domain.TestContacts;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;

class TicketedEventTest {

    private static final String EVENT = "evt-techexpo";
    private static final String ORG = "org-1";
    private static final String NAME = "TechExpo 2024";
    private static final Instant NOW = Instant.parse("2030-03-01T09:00:00Z");
    private static final Instant STARTS_AT = Instant.parse("2030-04-01T08:00:00Z");
    private static final Duration HOLD = Duration.ofMinutes(15);
    private static final Instant EXPIRES_AT = NOW.plus(HOLD);
    private static final String PHONE = "+254712345678";
    private static final String OTHER_PHONE = "+254700000001";
    private static final BigDecimal VIP_PRICE = new BigDecimal("5000.00");

    private static final TicketTypeDefinition VIP =
            new TicketTypeDefinition("vip", "VIP Pass", VIP_PRICE, "KES", 100, null, null);
    private static final TicketTypeDefinition REGULAR =
            new TicketTypeDefinition("regular", "Regular", new BigDecimal("2000.00"), "KES", 500, null, null);

    private AggregateTestFixture<TicketedEvent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TicketedEvent.class);
    }

    /** Starts every scenario at the same instant so expiry times in events are exact. */
    private TestExecutor<TicketedEvent> given(Object... events) {
        return fixture.givenCurrentTime(NOW).andGiven(events);
    }

    private static Matcher<DomainRuleViolation> violation(String code) {
        return new CustomTypeSafeMatcher<>("DomainRuleViolation with code '" + code + "'") {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code());
            }
        };
    }

    private static EventCreated created() {
        return new EventCreated(EVENT, ORG, NAME, "KICC", STARTS_AT);
    }

    private static TicketTypeAdded added(TicketTypeDefinition type) {
        return new TicketTypeAdded(EVENT, ORG, type.ticketTypeId(), type.name(), type.price(), type.currency(),
                type.quantityAvailable(), type.salesStart(), type.salesEnd());
    }

    private static TicketTypeAdded vipAdded(int quantity) {
        return added(new TicketTypeDefinition("vip", "VIP Pass", VIP_PRICE, "KES", quantity, null, null));
    }

    private static TicketTypeAdded freeAdded() {
        return added(new TicketTypeDefinition("free", "General", BigDecimal.ZERO, "KES", 50, null, null));
    }

    private static TicketTypeAdded vipWindow(Instant salesStart, Instant salesEnd) {
        return added(new TicketTypeDefinition("vip", "VIP Pass", VIP_PRICE, "KES", 100, salesStart, salesEnd));
    }

    private static ReserveTickets reserve(String reservationId, int quantity) {
        return new ReserveTickets(EVENT, reservationId, "vip", quantity, TestContacts.id(PHONE), PHONE, "conv-1", NOW, HOLD);
    }

    private static TicketsReserved reserved(String reservationId, int quantity, int remainingAfter) {
        return reserved(reservationId, quantity, remainingAfter, PHONE);
    }

    private static TicketsReserved reserved(String reservationId, int quantity, int remainingAfter, String phone) {
        return new TicketsReserved(EVENT, ORG, reservationId, "vip", quantity, TestContacts.id(phone), phone, "conv-1", VIP_PRICE,
                VIP_PRICE.multiply(BigDecimal.valueOf(quantity)), "KES", EXPIRES_AT, remainingAfter);
    }

    private static TicketsIssued issued(String reservationId, List<String> codes, String paymentReference) {
        return new TicketsIssued(EVENT, ORG, reservationId, "vip", TestContacts.id(PHONE), PHONE, codes, paymentReference,
                VIP_PRICE.multiply(BigDecimal.valueOf(codes.size())), "KES");
    }

    private static ConfirmTicketPayment pay(String reservationId, String reference, String amount) {
        return new ConfirmTicketPayment(EVENT, reservationId, reference, new BigDecimal(amount));
    }

    private static List<String> codesFor(String reservationId, int quantity) {
        return TicketCodes.generate("TECH-VIP", EVENT, reservationId, quantity, code -> false);
    }

    @Nested
    class Creation {
        @Test
        void createsTheEventThenOneEventPerTicketType() {
            fixture.givenNoPriorActivity()
                    .when(new CreateEvent(EVENT, ORG, " TechExpo 2024 ", "KICC", STARTS_AT, List.of(VIP, REGULAR)))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(created(), added(VIP), added(REGULAR))
                    .expectState(event -> {
                        assertThat(event.name()).isEqualTo(NAME);
                        assertThat(event.remaining("vip")).isEqualTo(100);
                        assertThat(event.remaining("regular")).isEqualTo(500);
                    });
        }

        @Test
        void aFreeEventNeedsNoTicketTypes() {
            fixture.givenNoPriorActivity()
                    .when(new CreateEvent(EVENT, ORG, NAME, "  ", STARTS_AT, null))
                    .expectEvents(new EventCreated(EVENT, ORG, NAME, null, STARTS_AT))
                    .expectState(event -> assertThat(event.ticketTypeIds()).isEmpty());
        }

        @Test
        void allowsAFreeTicketTypeWithAClosedWindowOfOneInstant() {
            TicketTypeDefinition free = new TicketTypeDefinition("free", "General", BigDecimal.ZERO, "USD", 0,
                    NOW, NOW);
            fixture.givenNoPriorActivity()
                    .when(new CreateEvent(EVENT, ORG, NAME, "KICC", STARTS_AT, List.of(free)))
                    .expectEvents(created(), added(free));
        }

        @Test
        void refusesBlankName() {
            fixture.givenNoPriorActivity()
                    .when(new CreateEvent(EVENT, ORG, " ", "KICC", STARTS_AT, List.of()))
                    .expectException(violation("missing_name"))
                    .expectExceptionMessage("name is required")
                    .expectNoEvents();
        }

        @Test
        void refusesMissingOrganization() {
            fixture.givenNoPriorActivity()
                    .when(new CreateEvent(EVENT, null, NAME, "KICC", STARTS_AT, List.of()))
                    .expectException(violation("missing_organization_id"))
                    .expectNoEvents();
        }

        @Test
        void refusesMissingStartTime() {
            fixture.givenNoPriorActivity()
                    .when(new CreateEvent(EVENT, ORG, NAME, "KICC", null, List.of()))
                    .expectException(violation("missing_starts_at"))
                    .expectNoEvents();
        }

        @Test
        void refusesNegativePrice() {
            TicketTypeDefinition bad = new TicketTypeDefinition("vip", "VIP Pass", new BigDecimal("-1"), "KES", 10,
                    null, null);
            fixture.givenNoPriorActivity()
                    .when(new CreateEvent(EVENT, ORG, NAME, "KICC", STARTS_AT, List.of(bad)))
                    .expectException(violation("invalid_price"))
                    .expectExceptionMessage("price of 'VIP Pass' must be zero or more, was -1")
                    .expectNoEvents();
        }

        @Test
        void refusesPricesTheLedgersCannotHold() {
            for (String price : List.of("9223372036854775808", "1000000000.01", "10.005")) {
                TicketTypeDefinition bad = new TicketTypeDefinition("vip", "VIP Pass", new BigDecimal(price), "KES", 10,
                        null, null);
                fixture.givenNoPriorActivity()
                        .when(new CreateEvent(EVENT, ORG, NAME, "KICC", STARTS_AT, List.of(bad)))
                        .expectException(violation("invalid_price"))
                        .expectExceptionMessage("price of 'VIP Pass' must have at most two decimals and be at most "
                                + "1000000000, was " + price)
                        .expectNoEvents();
            }
        }

        @Test
        void acceptsTheHighestPrice() {
            TicketTypeDefinition top = new TicketTypeDefinition("vip", "VIP Pass", new BigDecimal("1000000000.00"), "KES",
                    10, null, null);
            fixture.givenNoPriorActivity()
                    .when(new CreateEvent(EVENT, ORG, NAME, "KICC", STARTS_AT, List.of(top)))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void refusesMissingPrice() {
            TicketTypeDefinition bad = new TicketTypeDefinition("vip", "VIP Pass", null, "KES", 10, null, null);
            fixture.givenNoPriorActivity()
                    .when(new CreateEvent(EVENT, ORG, NAME, "KICC", STARTS_AT, List.of(bad)))
                    .expectException(violation("invalid_price"))
                    .expectNoEvents();
        }

        @Test
        void refusesNegativeQuantity() {
            TicketTypeDefinition bad = new TicketTypeDefinition("vip", "VIP Pass", VIP_PRICE, "KES", -1, null, null);
            fixture.givenNoPriorActivity()
                    .when(new CreateEvent(EVENT, ORG, NAME, "KICC", STARTS_AT, List.of(bad)))
                    .expectException(violation("invalid_quantity"))
                    .expectExceptionMessage("quantity of 'VIP Pass' cannot be negative, was -1")
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"KSH", "kes", "KE", "KESH", "K3S"})
        void refusesAnythingButAnIsoCurrencyCode(String currency) {
            TicketTypeDefinition bad = new TicketTypeDefinition("vip", "VIP Pass", VIP_PRICE, currency, 10, null, null);
            fixture.givenNoPriorActivity()
                    .when(new CreateEvent(EVENT, ORG, NAME, "KICC", STARTS_AT, List.of(bad)))
                    .expectException(violation("invalid_currency"))
                    .expectNoEvents();
        }

        @Test
        void refusesSalesEndingBeforeTheyStart() {
            TicketTypeDefinition bad = new TicketTypeDefinition("vip", "VIP Pass", VIP_PRICE, "KES", 10,
                    NOW, NOW.minusSeconds(1));
            fixture.givenNoPriorActivity()
                    .when(new CreateEvent(EVENT, ORG, NAME, "KICC", STARTS_AT, List.of(bad)))
                    .expectException(violation("invalid_sales_window"))
                    .expectNoEvents();
        }

        @Test
        void refusesDuplicateTicketTypeIds() {
            TicketTypeDefinition twin = new TicketTypeDefinition("vip", "VIP Gold", VIP_PRICE, "KES", 5, null, null);
            fixture.givenNoPriorActivity()
                    .when(new CreateEvent(EVENT, ORG, NAME, "KICC", STARTS_AT, List.of(VIP, REGULAR, twin)))
                    .expectException(violation("duplicate_ticket_type"))
                    .expectExceptionMessage("ticket type 'vip' already exists")
                    .expectNoEvents();
        }

        @Test
        void refusesBlankTicketTypeName() {
            TicketTypeDefinition bad = new TicketTypeDefinition("vip", "", VIP_PRICE, "KES", 5, null, null);
            fixture.givenNoPriorActivity()
                    .when(new CreateEvent(EVENT, ORG, NAME, "KICC", STARTS_AT, List.of(bad)))
                    .expectException(violation("missing_ticket_type_name"))
                    .expectNoEvents();
        }
    }

    @Nested
    class TicketTypes {
        @Test
        void addsATypeLater() {
            given(created(), added(VIP))
                    .when(new AddTicketType(EVENT, REGULAR))
                    .expectEvents(added(REGULAR))
                    .expectState(event -> assertThat(event.remaining("regular")).isEqualTo(500));
        }

        @Test
        void refusesAnExistingTypeId() {
            given(created(), added(VIP))
                    .when(new AddTicketType(EVENT, new TicketTypeDefinition("vip", "Other", BigDecimal.ONE, "KES", 1,
                            null, null)))
                    .expectException(violation("duplicate_ticket_type"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnInvalidDefinition() {
            given(created())
                    .when(new AddTicketType(EVENT, new TicketTypeDefinition("vip", "VIP", VIP_PRICE, "XYZ1", 1, null,
                            null)))
                    .expectException(violation("invalid_currency"))
                    .expectNoEvents();
        }

        @Test
        void changesTheTotalAndReportsWhatIsLeft() {
            given(created(), vipAdded(10), reserved("res-1", 4, 6))
                    .when(new ChangeTicketQuantity(EVENT, "vip", 20))
                    .expectEvents(new TicketQuantityChanged(EVENT, ORG, "vip", 20, 16))
                    .expectState(event -> assertThat(event.remaining("vip")).isEqualTo(16));
        }

        @Test
        void canShrinkToExactlyWhatIsTaken() {
            given(created(), vipAdded(10), reserved("res-1", 4, 6))
                    .when(new ChangeTicketQuantity(EVENT, "vip", 4))
                    .expectEvents(new TicketQuantityChanged(EVENT, ORG, "vip", 4, 0));
        }

        @Test
        void refusesShrinkingBelowWhatIsSoldOrHeld() {
            given(created(), vipAdded(10), reserved("res-1", 4, 6))
                    .when(new ChangeTicketQuantity(EVENT, "vip", 3))
                    .expectException(violation("quantity_below_taken"))
                    .expectExceptionMessage("cannot offer only 3 'VIP Pass' tickets: 4 are already sold or held")
                    .expectNoEvents();
        }

        @Test
        void unchangedQuantityRecordsNothing() {
            given(created(), vipAdded(10))
                    .when(new ChangeTicketQuantity(EVENT, "vip", 10))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesChangingAnUnknownType() {
            given(created(), vipAdded(10))
                    .when(new ChangeTicketQuantity(EVENT, "gold", 10))
                    .expectException(violation("unknown_ticket_type"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Reservations {
        @Test
        void holdsTicketsQuotesTheTotalAndSchedulesExpiry() {
            given(created(), added(VIP))
                    .when(reserve("res-1", 2))
                    .expectEvents(reserved("res-1", 2, 98))
                    .expectResultMessagePayload(new ReservationResult("res-1", "vip", 2, VIP_PRICE,
                            new BigDecimal("10000.00"), "KES", EXPIRES_AT, ReservationStatus.HELD))
                    .expectScheduledDeadline(EXPIRES_AT, "res-1")
                    .expectScheduledDeadlineWithName(HOLD, TicketedEvent.RESERVATION_EXPIRY)
                    .expectState(event -> {
                        assertThat(event.remaining("vip")).isEqualTo(98);
                        assertThat(event.reservationStatus("res-1")).isEqualTo(ReservationStatus.HELD);
                    });
        }

        @Test
        void storesThePhoneNumberInCanonicalForm() {
            given(created(), added(VIP))
                    .when(new ReserveTickets(EVENT, "res-1", "vip", 1, TestContacts.id("254 712 345 678"), "254 712 345 678", "conv-1", NOW, HOLD))
                    .expectEvents(reserved("res-1", 1, 99));
        }

        @Test
        void theSameReservationIdReturnsTheExistingHoldWithoutTakingMore() {
            given(created(), added(VIP), reserved("res-1", 2, 98))
                    .when(reserve("res-1", 2))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectNoScheduledDeadlines()
                    .expectResultMessagePayload(new ReservationResult("res-1", "vip", 2, VIP_PRICE,
                            new BigDecimal("10000.00"), "KES", EXPIRES_AT, ReservationStatus.HELD))
                    .expectState(event -> assertThat(event.remaining("vip")).isEqualTo(98));
        }

        @Test
        void aRetryIsNotRefusedBecauseItsOwnHoldTookTheLastTickets() {
            given(created(), vipAdded(2), reserved("res-1", 2, 0))
                    .when(reserve("res-1", 2))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aRetryAfterExpiryReportsTheExpiry() {
            given(created(), vipAdded(2), reserved("res-1", 2, 0),
                    new TicketReservationExpired(EVENT, ORG, "res-1", "vip", 2, 2))
                    .when(reserve("res-1", 2))
                    .expectNoEvents()
                    .expectResultMessagePayload(new ReservationResult("res-1", "vip", 2, VIP_PRICE,
                            new BigDecimal("10000.00"), "KES", EXPIRES_AT, ReservationStatus.EXPIRED));
        }

        @Test
        void refusesAnUnknownTicketType() {
            given(created(), added(VIP))
                    .when(new ReserveTickets(EVENT, "res-1", "gold", 1, TestContacts.id(PHONE), PHONE, "conv-1", NOW, HOLD))
                    .expectException(violation("unknown_ticket_type"))
                    .expectExceptionMessage("event 'evt-techexpo' has no ticket type 'gold'")
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, 0, 11})
        void refusesQuantitiesOutsideOneToTen(int quantity) {
            given(created(), added(VIP))
                    .when(reserve("res-1", quantity))
                    .expectException(violation("invalid_quantity"))
                    .expectExceptionMessage("a reservation is for 1 to 10 tickets, was " + quantity)
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();
        }

        @Test
        void tenTicketsIsTheMostOneReservationCanHold() {
            given(created(), added(VIP))
                    .when(reserve("res-1", 10))
                    .expectEvents(reserved("res-1", 10, 90));
        }

        @Test
        void refusesAnInvalidPhoneNumber() {
            given(created(), added(VIP))
                    .when(new ReserveTickets(EVENT, "res-1", "vip", 1, TestContacts.id("0712"), "0712", "conv-1", NOW, HOLD))
                    .expectException(violation("invalid_phone_number"))
                    .expectNoEvents();
        }

        @Test
        void refusesANonPositiveHold() {
            given(created(), added(VIP))
                    .when(new ReserveTickets(EVENT, "res-1", "vip", 1, TestContacts.id(PHONE), PHONE, "conv-1", NOW, Duration.ZERO))
                    .expectException(violation("invalid_hold"))
                    .expectNoEvents();
        }

        @Test
        void refusesAMissingRequestTime() {
            given(created(), added(VIP))
                    .when(new ReserveTickets(EVENT, "res-1", "vip", 1, TestContacts.id(PHONE), PHONE, "conv-1", null, HOLD))
                    .expectException(violation("missing_requested_at"))
                    .expectNoEvents();
        }

        @Test
        void refusesAMissingReservationId() {
            given(created(), added(VIP))
                    .when(reserve(" ", 1))
                    .expectException(violation("missing_reservation_id"))
                    .expectNoEvents();
        }

        @Test
        void otherTypesAreUnaffectedWhenOneSellsOut() {
            given(created(), vipAdded(1), added(REGULAR), reserved("res-1", 1, 0))
                    .when(new ReserveTickets(EVENT, "res-2", "regular", 3, TestContacts.id(PHONE), PHONE, null, NOW, HOLD))
                    .expectEvents(new TicketsReserved(EVENT, ORG, "res-2", "regular", 3, TestContacts.id(PHONE), PHONE, null,
                            new BigDecimal("2000.00"), new BigDecimal("6000.00"), "KES", EXPIRES_AT, 497));
        }
    }

    @Nested
    class LastTickets {
        /** Seven of ten are held, so exactly three are left. */
        private TestExecutor<TicketedEvent> threeLeft() {
            return given(created(), vipAdded(10), reserved("res-a", 7, 3, OTHER_PHONE));
        }

        @Test
        void askingForOneMoreThanIsLeftIsRefusedAndSaysHowManyRemain() {
            threeLeft()
                    .when(reserve("res-1", 4))
                    .expectException(violation("sold_out"))
                    .expectExceptionMessage("only 3 'VIP Pass' tickets are left, cannot reserve 4")
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();
        }

        @Test
        void askingForExactlyWhatIsLeftSucceeds() {
            threeLeft()
                    .when(reserve("res-1", 3))
                    .expectEvents(reserved("res-1", 3, 0))
                    .expectState(event -> assertThat(event.remaining("vip")).isZero());
        }

        @Test
        void afterTheLastTicketEveryoneIsRefused() {
            given(created(), vipAdded(10), reserved("res-a", 7, 3, OTHER_PHONE), reserved("res-1", 3, 0))
                    .when(reserve("res-2", 1))
                    .expectException(violation("sold_out"))
                    .expectExceptionMessage("'VIP Pass' is sold out")
                    .expectNoEvents();
        }

        @Test
        void oneLeftIsReportedInTheSingular() {
            given(created(), vipAdded(10), reserved("res-a", 9, 1, OTHER_PHONE))
                    .when(reserve("res-1", 2))
                    .expectException(violation("sold_out"))
                    .expectExceptionMessage("only 1 'VIP Pass' ticket is left, cannot reserve 2");
        }

        @Test
        void paidTicketsStayTakenForGood() {
            given(created(), vipAdded(1), reserved("res-1", 1, 0), issued("res-1", codesFor("res-1", 1), "pay-1"))
                    .when(reserve("res-2", 1))
                    .expectException(violation("sold_out"))
                    .expectNoEvents();
        }

        @Test
        void aTypeWithNoStockIsSoldOutFromTheStart() {
            given(created(), vipAdded(0))
                    .when(reserve("res-1", 1))
                    .expectException(violation("sold_out"))
                    .expectExceptionMessage("'VIP Pass' is sold out");
        }
    }

    @Nested
    class SalesWindow {
        private final Instant opens = NOW.plus(Duration.ofDays(1));
        private final Instant closes = NOW.plus(Duration.ofDays(10));

        private ReserveTickets reserveAt(Instant requestedAt) {
            return new ReserveTickets(EVENT, "res-1", "vip", 1, TestContacts.id(PHONE), PHONE, "conv-1", requestedAt, HOLD);
        }

        @Test
        void refusesBeforeSalesOpen() {
            given(created(), vipWindow(opens, closes))
                    .when(reserveAt(opens.minusMillis(1)))
                    .expectException(violation("sales_not_open"))
                    .expectExceptionMessage("sales of 'VIP Pass' open at " + opens)
                    .expectNoEvents();
        }

        @Test
        void acceptsFromTheMomentSalesOpen() {
            given(created(), vipWindow(opens, closes))
                    .when(reserveAt(opens))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(exactSequenceOf(messageWithPayload(instanceOf(TicketsReserved.class))))
                    .expectScheduledDeadline(opens.plus(HOLD), "res-1");
        }

        @Test
        void acceptsUpToTheLastMomentBeforeSalesClose() {
            given(created(), vipWindow(opens, closes))
                    .when(reserveAt(closes.minusMillis(1)))
                    .expectSuccessfulHandlerExecution()
                    .expectScheduledDeadline(closes.minusMillis(1).plus(HOLD), "res-1");
        }

        @Test
        void refusesOnceSalesClose() {
            given(created(), vipWindow(opens, closes))
                    .when(reserveAt(closes))
                    .expectException(violation("sales_closed"))
                    .expectExceptionMessage("sales of 'VIP Pass' closed at " + closes)
                    .expectNoEvents();
        }

        @Test
        void anOpenEndedWindowOnlyHasAStart() {
            given(created(), vipWindow(opens, null))
                    .when(reserveAt(opens.plus(Duration.ofDays(3650))))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    class Expiry {
        private TestExecutor<TicketedEvent> heldForFifteenMinutes() {
            return given(created(), vipAdded(10)).andGivenCommands(reserve("res-1", 4));
        }

        @Test
        void anUnpaidHoldGivesItsTicketsBackWhenItExpires() {
            heldForFifteenMinutes()
                    .whenTimeElapses(HOLD)
                    .expectDeadlinesMet("res-1")
                    .expectEvents(new TicketReservationExpired(EVENT, ORG, "res-1", "vip", 4, 10))
                    .expectState(event -> {
                        assertThat(event.remaining("vip")).isEqualTo(10);
                        assertThat(event.reservationStatus("res-1")).isEqualTo(ReservationStatus.EXPIRED);
                    });
        }

        @Test
        void advancingToTheExpiryInstantExpiresTheHold() {
            heldForFifteenMinutes()
                    .whenTimeAdvancesTo(EXPIRES_AT)
                    .expectDeadlinesMet("res-1")
                    .expectEvents(new TicketReservationExpired(EVENT, ORG, "res-1", "vip", 4, 10));
        }

        @Test
        void nothingExpiresEarly() {
            heldForFifteenMinutes()
                    .whenTimeAdvancesTo(EXPIRES_AT.minusMillis(1))
                    .expectDeadlinesMet()
                    .expectNoEvents()
                    .expectScheduledDeadline(EXPIRES_AT, "res-1");
        }

        @Test
        void aPaidHoldIsLeftAloneWhenItsDeadlineComes() {
            heldForFifteenMinutes()
                    .andGivenCommands(pay("res-1", "pay-1", "20000.00"))
                    .whenTimeElapses(Duration.ofHours(1))
                    .expectDeadlinesMet("res-1")
                    .expectNoEvents()
                    .expectState(event -> {
                        assertThat(event.remaining("vip")).isEqualTo(6);
                        assertThat(event.reservationStatus("res-1")).isEqualTo(ReservationStatus.PAID);
                    });
        }

        @Test
        void aCancelledHoldIsNotReleasedTwice() {
            heldForFifteenMinutes()
                    .andGivenCommands(new CancelTicketReservation(EVENT, "res-1", "changed my mind"))
                    .whenTimeElapses(HOLD)
                    .expectDeadlinesMet("res-1")
                    .expectNoEvents()
                    .expectState(event -> assertThat(event.remaining("vip")).isEqualTo(10));
        }

        @Test
        void expiredStockCanBeSoldToSomeoneElse() {
            given(created(), vipAdded(4), reserved("res-1", 4, 0),
                    new TicketReservationExpired(EVENT, ORG, "res-1", "vip", 4, 4))
                    .when(new ReserveTickets(EVENT, "res-2", "vip", 4, TestContacts.id(OTHER_PHONE), OTHER_PHONE, "conv-2", NOW, HOLD))
                    .expectEvents(new TicketsReserved(EVENT, ORG, "res-2", "vip", 4, TestContacts.id(OTHER_PHONE), OTHER_PHONE, "conv-2",
                            VIP_PRICE, new BigDecimal("20000.00"), "KES", EXPIRES_AT, 0));
        }

        @Test
        void paymentAfterExpiryIsRefused() {
            given(created(), vipAdded(10), reserved("res-1", 4, 6),
                    new TicketReservationExpired(EVENT, ORG, "res-1", "vip", 4, 10))
                    .when(pay("res-1", "pay-1", "20000.00"))
                    .expectException(violation("reservation_expired"))
                    .expectExceptionMessage("reservation 'res-1' expired at " + EXPIRES_AT
                            + " and its tickets were released")
                    .expectNoEvents();
        }
    }

    @Nested
    class Payment {
        @Test
        void issuesOneCodePerTicketAndRegistersTheBuyer() {
            List<String> codes = List.of("TECH-VIP-F5BS3X", "TECH-VIP-2ZGXKJ");
            given(created(), vipAdded(10), reserved("res-1", 2, 8))
                    .when(pay("res-1", "pay-1", "10000.00"))
                    .expectEvents(issued("res-1", codes, "pay-1"),
                            new ParticipantRegistered(EVENT, ORG, TestContacts.id(PHONE), PHONE, "ticket_purchase"))
                    .expectResultMessagePayload(new IssuedTickets("res-1", codes, new BigDecimal("10000.00"), "KES"))
                    .expectState(event -> {
                        assertThat(event.issuedCodes()).containsExactlyInAnyOrderElementsOf(codes);
                        assertThat(event.isParticipant(TestContacts.id(PHONE))).isTrue();
                        assertThat(event.reservationStatus("res-1")).isEqualTo(ReservationStatus.PAID);
                        assertThat(event.remaining("vip")).isEqualTo(8);
                    });
        }

        @Test
        void aContactsSecondPurchaseDoesNotRegisterThemAgain() {
            given(created(), vipAdded(10), reserved("res-1", 1, 9), issued("res-1", codesFor("res-1", 1), "pay-1"),
                    new ParticipantRegistered(EVENT, ORG, TestContacts.id(PHONE), PHONE, "ticket_purchase"), reserved("res-2", 1, 8))
                    .when(pay("res-2", "pay-2", "5000.00"))
                    .expectEvents(issued("res-2", codesFor("res-2", 1), "pay-2"))
                    .expectState(event -> assertThat(event.participantCount()).isEqualTo(1));
        }

        @Test
        void overpaymentStillIssuesTheTickets() {
            given(created(), vipAdded(10), reserved("res-1", 1, 9))
                    .when(pay("res-1", "pay-1", "5000.01"))
                    .expectSuccessfulHandlerExecution()
                    .expectState(event -> assertThat(event.issuedCodes()).hasSize(1));
        }

        @Test
        void amountsCompareByValueNotScale() {
            given(created(), vipAdded(10), reserved("res-1", 1, 9))
                    .when(pay("res-1", "pay-1", "5000"))
                    .expectSuccessfulHandlerExecution()
                    .expectState(event -> assertThat(event.reservationStatus("res-1")).isEqualTo(ReservationStatus.PAID));
        }

        @Test
        void refusesUnderpayment() {
            given(created(), vipAdded(10), reserved("res-1", 2, 8))
                    .when(pay("res-1", "pay-1", "9999.99"))
                    .expectException(violation("underpaid"))
                    .expectExceptionMessage("paid 9999.99 KES but reservation 'res-1' costs 10000.00 KES")
                    .expectNoEvents();
        }

        @Test
        void refusesAMissingAmount() {
            given(created(), vipAdded(10), reserved("res-1", 2, 8))
                    .when(new ConfirmTicketPayment(EVENT, "res-1", "pay-1", null))
                    .expectException(violation("missing_amount_paid"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownReservation() {
            given(created(), vipAdded(10))
                    .when(pay("res-9", "pay-1", "5000.00"))
                    .expectException(violation("unknown_reservation"))
                    .expectExceptionMessage("event 'evt-techexpo' has no reservation 'res-9'")
                    .expectNoEvents();
        }

        @Test
        void refusesAMissingPaymentReference() {
            given(created(), vipAdded(10), reserved("res-1", 2, 8))
                    .when(pay("res-1", "", "10000.00"))
                    .expectException(violation("missing_payment_reference"))
                    .expectNoEvents();
        }

        @Test
        void theSameConfirmationTwiceIssuesNothingNewAndReturnsTheSameCodes() {
            List<String> codes = codesFor("res-1", 2);
            given(created(), vipAdded(10), reserved("res-1", 2, 8), issued("res-1", codes, "pay-1"),
                    new ParticipantRegistered(EVENT, ORG, TestContacts.id(PHONE), PHONE, "ticket_purchase"))
                    .when(pay("res-1", "pay-1", "10000.00"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new IssuedTickets("res-1", codes, new BigDecimal("10000.00"), "KES"));
        }

        @Test
        void aSecondPaymentUnderAnotherReferenceIsRefused() {
            given(created(), vipAdded(10), reserved("res-1", 2, 8), issued("res-1", codesFor("res-1", 2), "pay-1"))
                    .when(pay("res-1", "pay-2", "10000.00"))
                    .expectException(violation("already_paid"))
                    .expectExceptionMessage("reservation 'res-1' was already paid with reference 'pay-1'")
                    .expectNoEvents();
        }

        @Test
        void paymentForACancelledReservationIsRefused() {
            given(created(), vipAdded(10), reserved("res-1", 2, 8),
                    new TicketReservationCancelled(EVENT, ORG, "res-1", "vip", 2, null, 10))
                    .when(pay("res-1", "pay-1", "10000.00"))
                    .expectException(violation("reservation_expired"))
                    .expectExceptionMessage("reservation 'res-1' was cancelled and its tickets were released")
                    .expectNoEvents();
        }

        @Test
        void aHoldPastItsExpiryTimeIsStillPayableUntilTheExpiryHasRun() {
            TicketsReserved longAgo = new TicketsReserved(EVENT, ORG, "res-1", "vip", 1, TestContacts.id(PHONE), PHONE, "conv-1", VIP_PRICE,
                    VIP_PRICE, "KES", NOW.minus(Duration.ofHours(1)), 9);
            given(created(), vipAdded(10), longAgo)
                    .when(pay("res-1", "pay-1", "5000.00"))
                    .expectSuccessfulHandlerExecution()
                    .expectState(event -> assertThat(event.reservationStatus("res-1")).isEqualTo(ReservationStatus.PAID));
        }

        @Test
        void aCodeAlreadyIssuedInTheEventIsNeverIssuedAgain() {
            // An earlier reservation happens to hold the code res-1 would get first; res-1 must get another.
            String clash = TicketCodes.candidate("TECH-VIP", EVENT, "res-1", 0, 0);
            given(created(), vipAdded(10), reserved("res-0", 1, 9),
                    new TicketsIssued(EVENT, ORG, "res-0", "vip", TestContacts.id(PHONE), PHONE, List.of(clash), "pay-0", VIP_PRICE, "KES"),
                    reserved("res-1", 1, 8))
                    .when(pay("res-1", "pay-1", "5000.00"))
                    .expectSuccessfulHandlerExecution()
                    .expectState(event -> {
                        assertThat(event.issuedCodes()).hasSize(2);
                        assertThat(event.issuedCodes()).contains(clash,
                                TicketCodes.candidate("TECH-VIP", EVENT, "res-1", 0, 1));
                    });
        }

        @Test
        void codesAreTheSameOnEveryRunForTheSameReservation() {
            List<String> first = new ArrayList<>();
            given(created(), vipAdded(10), reserved("res-1", 3, 7))
                    .when(pay("res-1", "pay-1", "15000.00"))
                    .expectState(event -> first.addAll(event.issuedCodes()));
            fixture = new AggregateTestFixture<>(TicketedEvent.class);
            given(created(), vipAdded(10), reserved("res-1", 3, 7))
                    .when(pay("res-1", "pay-1", "15000.00"))
                    .expectState(event -> assertThat(event.issuedCodes())
                            .hasSize(3)
                            .containsExactlyInAnyOrderElementsOf(first)
                            .allMatch(code -> code.matches("TECH-VIP-[2-9A-HJ-NP-Z]{6}")));
        }
    }

    @Nested
    class Cancellation {
        @Test
        void givesTheTicketsBack() {
            given(created(), vipAdded(10), reserved("res-1", 4, 6))
                    .when(new CancelTicketReservation(EVENT, "res-1", "changed my mind"))
                    .expectEvents(new TicketReservationCancelled(EVENT, ORG, "res-1", "vip", 4, "changed my mind", 10))
                    .expectState(event -> {
                        assertThat(event.remaining("vip")).isEqualTo(10);
                        assertThat(event.reservationStatus("res-1")).isEqualTo(ReservationStatus.CANCELLED);
                    });
        }

        @Test
        void cancellingTwiceChangesNothing() {
            given(created(), vipAdded(10), reserved("res-1", 4, 6),
                    new TicketReservationCancelled(EVENT, ORG, "res-1", "vip", 4, null, 10))
                    .when(new CancelTicketReservation(EVENT, "res-1", "again"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectState(event -> assertThat(event.remaining("vip")).isEqualTo(10));
        }

        @Test
        void cancellingAnExpiredHoldChangesNothing() {
            given(created(), vipAdded(10), reserved("res-1", 4, 6),
                    new TicketReservationExpired(EVENT, ORG, "res-1", "vip", 4, 10))
                    .when(new CancelTicketReservation(EVENT, "res-1", null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectState(event -> assertThat(event.remaining("vip")).isEqualTo(10));
        }

        @Test
        void refusesCancellingPaidTickets() {
            given(created(), vipAdded(10), reserved("res-1", 4, 6), issued("res-1", codesFor("res-1", 4), "pay-1"))
                    .when(new CancelTicketReservation(EVENT, "res-1", "too late"))
                    .expectException(violation("already_paid"))
                    .expectExceptionMessage(containsString("is paid"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownReservation() {
            given(created(), vipAdded(10))
                    .when(new CancelTicketReservation(EVENT, "res-9", null))
                    .expectException(violation("unknown_reservation"))
                    .expectNoEvents();
        }
    }

    @Nested
    class PaidCancellation {
        private final List<String> codes = codesFor("res-1", 2);

        private TestExecutor<TicketedEvent> paidForTwo() {
            return given(created(), vipAdded(10), reserved("res-1", 2, 8), issued("res-1", codes, "pay-1"),
                    new ParticipantRegistered(EVENT, ORG, TestContacts.id(PHONE), PHONE, "ticket_purchase"));
        }

        private PaidTicketsCancelled cancelled(String refund, int remainingAfter) {
            return new PaidTicketsCancelled(EVENT, ORG, "res-1", "vip", 2, TestContacts.id(PHONE), codes,
                    "venue changed", refund == null ? null : new BigDecimal(refund), "KES", "user-7", remainingAfter);
        }

        @Test
        void putsTheTicketsBackOnSaleWithTheRefundRecorded() {
            paidForTwo()
                    .when(new CancelPaidTickets(EVENT, "res-1", " venue changed ", new BigDecimal("7500.50"), "user-7"))
                    .expectEvents(cancelled("7500.50", 10))
                    .expectState(event -> {
                        assertThat(event.remaining("vip")).isEqualTo(10);
                        assertThat(event.reservationStatus("res-1")).isEqualTo(ReservationStatus.VOIDED);
                        // kept, so that no later buyer is ever given one of these codes
                        assertThat(event.issuedCodes()).containsExactlyInAnyOrderElementsOf(codes);
                        assertThat(event.isParticipant(TestContacts.id(PHONE))).isTrue();
                    });
        }

        @Test
        void withoutARefundRecordsNone() {
            paidForTwo()
                    .when(new CancelPaidTickets(EVENT, "res-1", "venue changed", null, "user-7"))
                    .expectEvents(cancelled(null, 10));
        }

        @Test
        void aZeroRefundIsNoRefund() {
            paidForTwo()
                    .when(new CancelPaidTickets(EVENT, "res-1", "venue changed", new BigDecimal("0.00"), "user-7"))
                    .expectEvents(cancelled(null, 10));
        }

        @Test
        void refundsAtMostWhatWasPaid() {
            paidForTwo()
                    .when(new CancelPaidTickets(EVENT, "res-1", "venue changed", new BigDecimal("10000"), "user-7"))
                    .expectEvents(cancelled("10000", 10));
        }

        @Test
        void refusesARefundAboveWhatWasPaid() {
            paidForTwo()
                    .when(new CancelPaidTickets(EVENT, "res-1", "venue changed", new BigDecimal("10000.01"), "user-7"))
                    .expectException(violation("invalid_refund"))
                    .expectExceptionMessage(containsString("from 0 to the 10000.00 KES paid"))
                    .expectNoEvents();
        }

        @Test
        void refusesANegativeRefund() {
            paidForTwo()
                    .when(new CancelPaidTickets(EVENT, "res-1", "venue changed", new BigDecimal("-1"), "user-7"))
                    .expectException(violation("invalid_refund"))
                    .expectNoEvents();
        }

        @Test
        void refusesARefundWithMoreThanTwoDecimals() {
            paidForTwo()
                    .when(new CancelPaidTickets(EVENT, "res-1", "venue changed", new BigDecimal("10.005"), "user-7"))
                    .expectException(violation("invalid_refund"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   "})
        void refusesAMissingReason(String reason) {
            paidForTwo()
                    .when(new CancelPaidTickets(EVENT, "res-1", reason, null, "user-7"))
                    .expectException(violation("missing_reason"))
                    .expectNoEvents();
        }

        @Test
        void refusesATooLongReason() {
            paidForTwo()
                    .when(new CancelPaidTickets(EVENT, "res-1", "x".repeat(TicketedEvent.MAX_CANCEL_REASON + 1), null,
                            "user-7"))
                    .expectException(violation("invalid_reason"))
                    .expectNoEvents();
        }

        @Test
        void refusesAHeldReservation() {
            given(created(), vipAdded(10), reserved("res-1", 2, 8))
                    .when(new CancelPaidTickets(EVENT, "res-1", "venue changed", null, "user-7"))
                    .expectException(violation("not_paid"))
                    .expectExceptionMessage("reservation 'res-1' is held, not paid: only paid tickets are cancelled "
                            + "by the organizer")
                    .expectNoEvents();
        }

        @Test
        void refusesAnExpiredReservation() {
            given(created(), vipAdded(10), reserved("res-1", 2, 8),
                    new TicketReservationExpired(EVENT, ORG, "res-1", "vip", 2, 10))
                    .when(new CancelPaidTickets(EVENT, "res-1", "venue changed", null, "user-7"))
                    .expectException(violation("not_paid"))
                    .expectNoEvents();
        }

        @Test
        void refusesACancelledHold() {
            given(created(), vipAdded(10), reserved("res-1", 2, 8),
                    new TicketReservationCancelled(EVENT, ORG, "res-1", "vip", 2, null, 10))
                    .when(new CancelPaidTickets(EVENT, "res-1", "venue changed", null, "user-7"))
                    .expectException(violation("not_paid"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownReservation() {
            given(created(), vipAdded(10))
                    .when(new CancelPaidTickets(EVENT, "res-9", "venue changed", null, "user-7"))
                    .expectException(violation("unknown_reservation"))
                    .expectNoEvents();
        }

        @Test
        void refusesCancellingTwice() {
            paidForTwo()
                    .andGiven(cancelled("5000", 10))
                    .when(new CancelPaidTickets(EVENT, "res-1", "again", new BigDecimal("10000"), "user-7"))
                    .expectException(violation("already_cancelled"))
                    .expectExceptionMessage("the tickets of reservation 'res-1' were already cancelled")
                    .expectNoEvents();
        }

        @Test
        void theStockGoesToTheNextBuyer() {
            given(created(), vipAdded(2), reserved("res-1", 2, 0), issued("res-1", codes, "pay-1"),
                    cancelled(null, 2))
                    .when(new ReserveTickets(EVENT, "res-2", "vip", 2, TestContacts.id(OTHER_PHONE), OTHER_PHONE,
                            "conv-2", NOW, HOLD))
                    .expectEvents(new TicketsReserved(EVENT, ORG, "res-2", "vip", 2, TestContacts.id(OTHER_PHONE),
                            OTHER_PHONE, "conv-2", VIP_PRICE, new BigDecimal("10000.00"), "KES", EXPIRES_AT, 0));
        }

        @Test
        void aCancelledCodeIsNeverIssuedAgain() {
            // res-2's first candidate code is one of res-1's cancelled codes: it must get another
            String clash = TicketCodes.candidate("TECH-VIP", EVENT, "res-2", 0, 0);
            given(created(), vipAdded(10), reserved("res-1", 1, 9),
                    new TicketsIssued(EVENT, ORG, "res-1", "vip", TestContacts.id(PHONE), PHONE, List.of(clash), "pay-1",
                            VIP_PRICE, "KES"),
                    new PaidTicketsCancelled(EVENT, ORG, "res-1", "vip", 1, TestContacts.id(PHONE), List.of(clash),
                            "duplicate purchase", null, "KES", "user-7", 10),
                    reserved("res-2", 1, 9))
                    .when(pay("res-2", "pay-2", "5000.00"))
                    .expectSuccessfulHandlerExecution()
                    .expectState(event -> assertThat(event.issuedCodes())
                            .containsExactlyInAnyOrder(clash, TicketCodes.candidate("TECH-VIP", EVENT, "res-2", 0, 1)));
        }

        @Test
        void aPaymentConfirmationAfterTheCancellationIssuesNothing() {
            paidForTwo()
                    .andGiven(cancelled(null, 10))
                    .when(pay("res-1", "pay-1", "10000.00"))
                    .expectException(violation("tickets_cancelled"))
                    .expectNoEvents();
        }

        @Test
        void theContactCancellingTheVoidedReservationChangesNothing() {
            paidForTwo()
                    .andGiven(cancelled(null, 10))
                    .when(new CancelTicketReservation(EVENT, "res-1", "cancel"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectState(event -> assertThat(event.remaining("vip")).isEqualTo(10));
        }

        @Test
        void theHoldsExpiryAfterTheCancellationGivesNothingBackTwice() {
            given(created(), vipAdded(10))
                    .andGivenCommands(reserve("res-1", 2), pay("res-1", "pay-1", "10000.00"),
                            new CancelPaidTickets(EVENT, "res-1", "venue changed", null, "user-7"))
                    .whenTimeElapses(HOLD)
                    .expectDeadlinesMet("res-1")
                    .expectNoEvents()
                    .expectState(event -> assertThat(event.remaining("vip")).isEqualTo(10));
        }
    }

    @Nested
    class FreeRegistration {
        @Test
        void registersAContactForAFreeEvent() {
            given(created())
                    .when(new RegisterParticipant(EVENT, TestContacts.id("254712345678"), "254712345678", "whatsapp"))
                    .expectEvents(new ParticipantRegistered(EVENT, ORG, TestContacts.id(PHONE), PHONE, "whatsapp"))
                    .expectState(event -> assertThat(event.isParticipant(TestContacts.id(PHONE))).isTrue());
        }

        @Test
        void anEventWithOnlyFreeTicketTypesCountsAsFree() {
            given(created(), freeAdded())
                    .when(new RegisterParticipant(EVENT, TestContacts.id(PHONE), PHONE, "whatsapp"))
                    .expectEvents(new ParticipantRegistered(EVENT, ORG, TestContacts.id(PHONE), PHONE, "whatsapp"));
        }

        @Test
        void registeringTwiceRecordsOnce() {
            given(created(), new ParticipantRegistered(EVENT, ORG, TestContacts.id(PHONE), PHONE, "whatsapp"))
                    .when(new RegisterParticipant(EVENT, TestContacts.id("+254 712 345 678"), "+254 712 345 678", "dashboard"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectState(event -> assertThat(event.participantCount()).isEqualTo(1));
        }

        @Test
        void refusesFreeRegistrationForAPaidEvent() {
            given(created(), freeAdded(), vipAdded(10))
                    .when(new RegisterParticipant(EVENT, TestContacts.id(PHONE), PHONE, "whatsapp"))
                    .expectException(violation("tickets_required"))
                    .expectNoEvents();
        }

        @Test
        void aTicketBuyerIsAlreadyRegistered() {
            given(created(), vipAdded(10), new ParticipantRegistered(EVENT, ORG, TestContacts.id(PHONE), PHONE, "ticket_purchase"))
                    .when(new RegisterParticipant(EVENT, TestContacts.id(PHONE), PHONE, "whatsapp"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesABlankSource() {
            given(created())
                    .when(new RegisterParticipant(EVENT, TestContacts.id(PHONE), PHONE, " "))
                    .expectException(violation("missing_source"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnInvalidPhoneNumber() {
            given(created())
                    .when(new RegisterParticipant(EVENT, TestContacts.id("not a phone"), "not a phone", "whatsapp"))
                    .expectException(violation("invalid_phone_number"))
                    .expectNoEvents();
        }
    }
}
