package com.chatnation.crm.application.ticketing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An event an organization sells tickets for, as an administrator writes it. */
record EventRequest(@NotBlank @Size(max = 200) String name,
                           @Size(max = 200) String venue,
                           @NotNull Instant startsAt,
                           @Valid @Size(max = 20) List<TicketTypeRequest> ticketTypes) {

    /** {@code ticketTypeId} is optional; one is made from the name when absent. */
    public record TicketTypeRequest(@Size(max = 64) String ticketTypeId, @NotBlank @Size(max = 100) String name,
                                    @NotNull BigDecimal price, @NotBlank String currency, int quantityAvailable,
                                    Instant salesStart, Instant salesEnd) {
    }
}
