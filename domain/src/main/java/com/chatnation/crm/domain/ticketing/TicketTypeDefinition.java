package com.chatnation.crm.domain.ticketing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A ticket tier as the organizer defines it. Deliberately not validated here: the aggregate checks it, so a
 * bad definition becomes a refusal with a stable code instead of an exception while building the command.
 *
 * @param currency          ISO 4217 code, such as {@code KES}
 * @param quantityAvailable how many tickets of this type the event can sell in total
 * @param salesStart        first instant sales are open; {@code null} means open from creation
 * @param salesEnd          instant sales close (exclusive); {@code null} means open until sold out
 */
public record TicketTypeDefinition(String ticketTypeId, String name, BigDecimal price, String currency,
                                   int quantityAvailable, Instant salesStart, Instant salesEnd) {
}
