package com.chatnation.crm.domain.conversation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Events with tickets on sale, as the conversation offers them to a contact. */
public interface EventCatalog {

    /** Events of the organization with at least one ticket type on sale at {@code at}, soonest first. */
    List<EventOnSale> eventsOnSale(String organizationId, Instant at);

    record EventOnSale(String eventId, String name, String venue, Instant startsAt, List<TicketTypeOnSale> ticketTypes) {
        public EventOnSale {
            ticketTypes = List.copyOf(ticketTypes);
        }
    }

    record TicketTypeOnSale(String ticketTypeId, String name, BigDecimal price, String currency, int remaining) {
    }
}
