package com.chatnation.crm.domain.conversation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Events with tickets on sale, as the conversation offers them to a contact. */
public interface EventCatalog {

    /**
     * Upcoming events of the organization that a contact can book at {@code at}, soonest first: those with at least one
     * ticket type on sale with tickets left, and free events (no ticket types at all), which contacts register for.
     */
    List<EventOnSale> eventsOnSale(String organizationId, Instant at);

    record EventOnSale(String eventId, String name, String venue, Instant startsAt, List<TicketTypeOnSale> ticketTypes) {
        public EventOnSale {
            ticketTypes = List.copyOf(ticketTypes);
        }

        /** An event that sells no tickets: contacts register to take part (the seed's participants without tickets). */
        public boolean free() {
            return ticketTypes.isEmpty();
        }
    }

    record TicketTypeOnSale(String ticketTypeId, String name, BigDecimal price, String currency, int remaining) {
    }
}
