package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.conversation.EventCatalog.EventOnSale;
import com.chatnation.crm.domain.conversation.EventCatalog.TicketTypeOnSale;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.messaging.OutboundReply.Choice;
import com.chatnation.crm.domain.survey.NumberReading;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Buying tickets: choose an event, a ticket type and a quantity, confirm, and get a reservation to pay for (which the
 * contact may give up while it is unpaid). Each step re-reads the catalog, so a type that sold out meanwhile is never
 * offered. A free event (one that sells no tickets) is registered for instead, after a yes.
 */
final class TicketFlow {

    static final String EVENT_ID = "eventId";
    static final String EVENT_NAME = "eventName";
    static final String TICKET_TYPE_ID = "ticketTypeId";
    static final String TICKET_TYPE_NAME = "ticketTypeName";
    static final String UNIT_PRICE = "unitPrice";
    static final String CURRENCY = "currency";
    static final String MAX_QUANTITY = "maxQuantity";
    static final String QUANTITY = "quantity";
    static final String RESERVATION_ID = "reservationId";
    static final String CONFIRM = "ticket:confirm";
    static final String DECLINE = "ticket:decline";
    static final String REGISTER = "event:register";
    static final String DONT_REGISTER = "event:decline";
    /** The button under a reservation's payment instructions; the reservation id follows. */
    static final String CANCEL_RESERVATION = "reservation:cancel:";

    private static final int MOST_PER_RESERVATION = 10;
    private static final Set<String> YES = Set.of("yes", "y", "ok", "okay", "confirm", "yes, reserve", "ndio", "sawa");
    private static final Set<String> NO = Set.of("no", "n", "nope", "hapana");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private TicketFlow() {
    }

    static Turn start(TurnContext context) {
        List<EventOnSale> events = context.events().eventsOnSale(context.organizationId(), context.now());
        if (events.isEmpty()) {
            return Turn.idle().say("There are no events with tickets on sale right now. Send *menu* for other options.");
        }
        return offerEvents(events, "Which event would you like tickets for?");
    }

    static Turn chooseEvent(TurnContext context) {
        List<EventOnSale> events = context.events().eventsOnSale(context.organizationId(), context.now());
        if (events.isEmpty()) {
            return Turn.idle().say("Sorry, tickets are no longer on sale. Send *menu* for other options.");
        }
        Optional<EventOnSale> chosen = pick(context, events, "event:", EventOnSale::eventId, EventOnSale::name);
        if (chosen.isEmpty()) {
            return offerEvents(events, "Please pick one of these events:");
        }
        if (chosen.get().free()) {
            return offerRegistration(chosen.get());
        }
        return offerTicketTypes(chosen.get(), "Which ticket would you like for *" + chosen.get().name() + "*?");
    }

    static Turn chooseTicketType(TurnContext context) {
        Optional<EventOnSale> event = currentEvent(context);
        if (event.isEmpty()) {
            return start(context);
        }
        List<TicketTypeOnSale> available = available(event.get());
        Optional<TicketTypeOnSale> chosen = pick(context, available, "tt:", TicketTypeOnSale::ticketTypeId,
                TicketTypeOnSale::name);
        if (chosen.isEmpty()) {
            return offerTicketTypes(event.get(), "Please pick one of these tickets:");
        }
        TicketTypeOnSale type = chosen.get();
        int most = Math.min(MOST_PER_RESERVATION, type.remaining());
        Map<String, String> data = new LinkedHashMap<>(context.data());
        data.put(TICKET_TYPE_ID, type.ticketTypeId());
        data.put(TICKET_TYPE_NAME, type.name());
        data.put(UNIT_PRICE, type.price().toPlainString());
        data.put(CURRENCY, type.currency());
        data.put(MAX_QUANTITY, String.valueOf(most));
        return Turn.to(ConversationState.CHOOSING_QUANTITY, data)
                .say("How many *" + type.name() + "* tickets? Reply with a number from 1 to " + most + ".");
    }

    static Turn chooseQuantity(TurnContext context) {
        int most = Integer.parseInt(context.data().getOrDefault(MAX_QUANTITY, String.valueOf(MOST_PER_RESERVATION)));
        Integer number = wholeNumber(context.text());
        if (number == null || number < 1 || number > most) {
            return Turn.to(ConversationState.CHOOSING_QUANTITY, context.data())
                    .say("Please reply with a number from 1 to " + most + ".");
        }
        Map<String, String> data = new LinkedHashMap<>(context.data());
        data.put(QUANTITY, String.valueOf(number));
        return Turn.to(ConversationState.CONFIRMING_PURCHASE, data).say(confirmation(data));
    }

    static Turn confirm(TurnContext context) {
        String answer = context.tappedId() != null ? context.tappedId() : context.word();
        if (CONFIRM.equals(answer) || YES.contains(answer)) {
            String reservationId = context.newId();
            Map<String, String> data = new LinkedHashMap<>(context.data());
            data.put(RESERVATION_ID, reservationId);
            return Turn.to(ConversationState.CONFIRMING_PURCHASE, data)
                    .andThen(new ConversationEffect.ReserveTickets(data.get(EVENT_ID), reservationId,
                            data.get(TICKET_TYPE_ID), Integer.parseInt(data.get(QUANTITY))));
        }
        if (DECLINE.equals(answer) || NO.contains(answer)) {
            return Turn.idle().say("Okay, nothing was booked. Send *menu* for other options.");
        }
        return Turn.to(ConversationState.CONFIRMING_PURCHASE, context.data()).say(confirmation(context.data()));
    }

    static Turn confirmRegistration(TurnContext context) {
        String answer = context.tappedId() != null ? context.tappedId() : context.word();
        if (REGISTER.equals(answer) || YES.contains(answer)) {
            return Turn.to(ConversationState.CONFIRMING_REGISTRATION, context.data())
                    .andThen(new ConversationEffect.RegisterForEvent(context.data().get(EVENT_ID)));
        }
        if (DONT_REGISTER.equals(answer) || NO.contains(answer)) {
            return Turn.idle().say("Okay, you're not registered. Send *menu* for other options.");
        }
        return Turn.to(ConversationState.CONFIRMING_REGISTRATION, context.data())
                .say(registrationQuestion(context.data().get(EVENT_NAME)));
    }

    /** The event answered the registration. */
    static Turn registrationRecorded(RegisterForEventOutcome outcome) {
        if (!outcome.registered()) {
            return Turn.idle().say("Sorry, I couldn't register you: " + outcome.refusal()
                    + ". Send *tickets* to see the events.");
        }
        String when = outcome.startsAt() == null ? "" : " on " + WHEN.format(outcome.startsAt());
        String where = outcome.venue() == null ? "" : " at " + outcome.venue();
        return Turn.idle().say("You're registered for *" + outcome.eventName() + "*" + when + where
                + ". See you there!");
    }

    /** Whether the contact tapped the button that gives up a reservation. */
    static boolean isCancelTap(TurnContext context) {
        String tapped = context.tappedId();
        return tapped != null && tapped.startsWith(CANCEL_RESERVATION)
                && tapped.length() > CANCEL_RESERVATION.length();
    }

    static Turn cancelTapped(TurnContext context) {
        Turn stay = context.state() == ConversationState.IDLE ? Turn.idle() : Turn.to(context.state(), context.data());
        return stay.andThen(new ConversationEffect.CancelReservation(
                context.tappedId().substring(CANCEL_RESERVATION.length())));
    }

    /** The event answered the request to cancel a reservation; the contact stays where they are. */
    static Turn cancellationRecorded(ConversationState state, Map<String, String> data,
                                     ReservationCancellation outcome) {
        Turn stay = state == ConversationState.IDLE ? Turn.idle() : Turn.to(state, data);
        String what = outcome.eventName() == null ? "" : outcome.quantity() + " × " + outcome.ticketTypeName()
                + " for *" + outcome.eventName() + "*";
        return stay.billedTo("events").say(switch (outcome.result()) {
            case CANCELLED -> "Done: your reservation of " + what + " is cancelled and the tickets were released. "
                    + "If a payment request is still on your phone, ignore it.";
            case ALREADY_RELEASED -> "Your reservation of " + what + " had already lapsed: nothing is held for you.";
            case ALREADY_PAID -> "Your reservation of " + what + " is already paid. For a refund, please contact "
                    + "the organizer.";
            case UNKNOWN -> "I couldn't find that reservation.";
        });
    }

    /** The inventory answered the reservation request. */
    static Turn reservationRecorded(String reservationId, ReservationOutcome outcome) {
        if (!outcome.reserved()) {
            return Turn.idle().say("Sorry, I couldn't reserve those tickets: " + outcome.refusal()
                    + ". Send *tickets* to try again.");
        }
        String reserved = "Reserved: " + outcome.quantity() + " × " + outcome.ticketTypeName() + " for *"
                + outcome.eventName() + "*. Total " + Texts.money(outcome.total(), outcome.currency()) + ". ";
        String instructions = outcome.paymentPrompted()
                ? "An M-Pesa payment request is on its way to your phone: enter your M-Pesa PIN there to pay (reference *"
                + reservationId + "*). Your tickets arrive here as soon as the payment goes through; they are held until "
                + TIME.format(outcome.expiresAt()) + "."
                : "Pay with reference *" + reservationId + "* before " + TIME.format(outcome.expiresAt())
                + "; your tickets arrive here as soon as the payment is confirmed.";
        return Turn.idle().say(new OutboundReply.Buttons(reserved + instructions,
                List.of(new Choice(CANCEL_RESERVATION + reservationId, "Cancel reservation"))));
    }

    private static OutboundReply confirmation(Map<String, String> data) {
        int quantity = Integer.parseInt(data.get(QUANTITY));
        BigDecimal total = new BigDecimal(data.get(UNIT_PRICE)).multiply(BigDecimal.valueOf(quantity));
        return new OutboundReply.Buttons(quantity + " × " + data.get(TICKET_TYPE_NAME) + " for *" + data.get(EVENT_NAME)
                + "*: " + Texts.money(total, data.get(CURRENCY)) + ". Shall I reserve them?",
                List.of(new Choice(CONFIRM, "Yes, reserve"), new Choice(DECLINE, "No")));
    }

    private static Turn offerRegistration(EventOnSale event) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(EVENT_ID, event.eventId());
        data.put(EVENT_NAME, event.name());
        return Turn.to(ConversationState.CONFIRMING_REGISTRATION, data).say(registrationQuestion(event.name()));
    }

    private static OutboundReply registrationQuestion(String eventName) {
        return new OutboundReply.Buttons("*" + eventName + "* is free to attend. Shall I register you?",
                List.of(new Choice(REGISTER, "Yes, register me"), new Choice(DONT_REGISTER, "No")));
    }

    private static Turn offerEvents(List<EventOnSale> events, String question) {
        List<EventOnSale> shown = events.subList(0, Math.min(10, events.size()));
        List<Choice> rows = new ArrayList<>();
        for (EventOnSale event : shown) {
            rows.add(new Choice("event:" + event.eventId(), Texts.fit(event.name(), 24),
                    Texts.fit(describe(event), 72)));
        }
        return Turn.to(ConversationState.CHOOSING_EVENT, Map.of())
                .say(new OutboundReply.ChoiceList(question, "Events", rows));
    }

    private static Turn offerTicketTypes(EventOnSale event, String question) {
        List<TicketTypeOnSale> available = available(event);
        if (available.isEmpty()) {
            return Turn.idle().say("Sorry, *" + event.name() + "* is sold out. Send *tickets* to see other events.");
        }
        List<Choice> rows = new ArrayList<>();
        for (TicketTypeOnSale type : available.subList(0, Math.min(10, available.size()))) {
            rows.add(new Choice("tt:" + type.ticketTypeId(), Texts.fit(type.name(), 24),
                    Texts.fit(Texts.money(type.price(), type.currency()) + " · " + type.remaining() + " left", 72)));
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put(EVENT_ID, event.eventId());
        data.put(EVENT_NAME, event.name());
        return Turn.to(ConversationState.CHOOSING_TICKET_TYPE, data)
                .say(new OutboundReply.ChoiceList(question, "Tickets", rows));
    }

    private static Optional<EventOnSale> currentEvent(TurnContext context) {
        String eventId = context.data().get(EVENT_ID);
        return context.events().eventsOnSale(context.organizationId(), context.now()).stream()
                .filter(event -> event.eventId().equals(eventId))
                .findFirst();
    }

    private static List<TicketTypeOnSale> available(EventOnSale event) {
        return event.ticketTypes().stream().filter(type -> type.remaining() > 0).toList();
    }

    private static String describe(EventOnSale event) {
        String when = event.startsAt() == null ? "" : WHEN.format(event.startsAt());
        String where = event.venue() == null ? "" : event.venue();
        String described = when.isEmpty() || where.isEmpty() ? when + where : when + " · " + where;
        return event.free() ? (described.isEmpty() ? "Free" : "Free · " + described) : described;
    }

    /** A tapped row, the number of a row as shown (lists render as numbered text where interactive ones can't), or its name. */
    private static <T> Optional<T> pick(TurnContext context, List<T> shown, String idPrefix, Function<T, String> id,
                                        Function<T, String> name) {
        List<T> offered = shown.subList(0, Math.min(10, shown.size()));
        String tapped = context.tappedId();
        if (tapped != null && tapped.startsWith(idPrefix)) {
            String wanted = tapped.substring(idPrefix.length());
            return offered.stream().filter(item -> id.apply(item).equals(wanted)).findFirst();
        }
        Integer number = wholeNumber(context.text());
        if (number != null && number >= 1 && number <= offered.size()) {
            return Optional.of(offered.get(number - 1));
        }
        String said = context.word();
        return offered.stream().filter(item -> name.apply(item).toLowerCase(Locale.ROOT).equals(said)).findFirst();
    }

    private static Integer wholeNumber(String text) {
        BigDecimal number = NumberReading.read(text);
        if (number == null || number.stripTrailingZeros().scale() > 0 || number.abs().compareTo(BigDecimal.valueOf(1000)) > 0) {
            return null;
        }
        return number.intValue();
    }
}
