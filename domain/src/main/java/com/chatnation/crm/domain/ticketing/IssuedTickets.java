package com.chatnation.crm.domain.ticketing;

import java.math.BigDecimal;
import java.util.List;

/** The tickets a payment bought; a repeated confirmation returns the same codes. */
public record IssuedTickets(String reservationId, List<String> ticketCodes, BigDecimal total, String currency) {

    public IssuedTickets {
        ticketCodes = List.copyOf(ticketCodes);
    }
}
