package com.chatnation.crm.application.ticketing;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.application.platform.web.KnownOrganizations;
import com.chatnation.crm.domain.ticketing.AddTicketType;
import com.chatnation.crm.domain.ticketing.CreateEvent;
import com.chatnation.crm.domain.ticketing.IssuedTickets;
import com.chatnation.crm.domain.ticketing.TicketTypeDefinition;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@RestController
@SecurityRequirement(name = "bearer")
@RequestMapping("/api/v1/orgs/{orgId}")
@Tag(name = "Events and tickets")
class TicketAdminController {

    private final CommandGateway commands;
    private final KnownOrganizations organizations;
    private final TransactionalRetry transaction;
    private final TicketIssuing issuing;

    public TicketAdminController(CommandGateway commands, KnownOrganizations organizations,
                                 TransactionalRetry transaction, TicketIssuing issuing) {
        this.commands = commands;
        this.organizations = organizations;
        this.transaction = transaction;
        this.issuing = issuing;
    }

    public record CreatedEvent(String eventId, List<String> ticketTypeIds) {
    }

    public record Payment(@NotBlank @Size(max = 128) String paymentReference,
                          @NotNull @DecimalMin("0.00") BigDecimal amountPaid) {
    }

    /**
     * {@code reason}: told to the contact; {@code refundAmount}: the refund recorded (at most what was paid), none
     * when absent.
     */
    public record Cancellation(@NotBlank @Size(max = 500) String reason,
                               @DecimalMin("0.00") BigDecimal refundAmount) {
    }

    @PostMapping("/events")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an event with its ticket types; contacts can buy them by sending 'tickets'")
    public CreatedEvent createEvent(@PathVariable("orgId") String organizationId, @Valid @RequestBody EventRequest event) {
        organizations.require(organizationId);
        List<TicketTypeDefinition> types = event.ticketTypes() == null ? List.of()
                : event.ticketTypes().stream().map(TicketAdminController::definition).toList();
        String eventId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateEvent(eventId, organizationId, event.name(), event.venue(), event.startsAt(), types));
        return new CreatedEvent(eventId, types.stream().map(TicketTypeDefinition::ticketTypeId).toList());
    }

    @PostMapping("/events/{eventId}/ticket-types")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a ticket type to an event")
    public CreatedEvent addTicketType(@PathVariable("orgId") String organizationId, @PathVariable String eventId,
                                      @Valid @RequestBody EventRequest.TicketTypeRequest type) {
        organizations.require(organizationId);
        TicketTypeDefinition definition = definition(type);
        commands.sendAndWait(new AddTicketType(eventId, definition));
        return new CreatedEvent(eventId, List.of(definition.ticketTypeId()));
    }

    @PostMapping("/ticket-reservations/{reservationId}/payment")
    @Operation(summary = "Confirm a payment taken outside the service (cash, bank transfer): issue the reserved tickets and send their codes to the contact, then each "
            + "ticket as a QR code image to show at the gate")
    public IssuedTickets confirmPayment(@PathVariable("orgId") String organizationId, @PathVariable String reservationId,
                                        @Valid @RequestBody Payment payment) {
        organizations.require(organizationId);
        // in one transaction, so the passes go out exactly when the codes do
        return transaction.inTransaction(() -> issuing.issue(organizationId, reservationId,
                payment.paymentReference(), payment.amountPaid()));
    }

    @PostMapping("/ticket-reservations/{reservationId}/cancellation")
    @Operation(summary = "Cancel a paid reservation's tickets, recording a refund if one is given: the gate refuses "
            + "them from then on, they go back on sale and the contact is told on WhatsApp. The refund is recorded, "
            + "not paid out: the organizer pays it outside the service. 422 not_paid for a reservation not paid, "
            + "already_cancelled for a second cancellation, invalid_refund for more than was paid")
    public TicketIssuing.CancelledTickets cancelPaidTickets(@PathVariable("orgId") String organizationId,
                                                            @PathVariable String reservationId,
                                                            @Valid @RequestBody Cancellation cancellation,
                                                            @AuthenticationPrincipal CrmPrincipal caller) {
        organizations.require(organizationId);
        // in one transaction, so the contact is told exactly when the tickets are cancelled
        return transaction.inTransaction(() -> issuing.cancelPaid(organizationId, reservationId,
                cancellation.reason(), cancellation.refundAmount(), caller == null ? null : caller.id()));
    }

    static TicketTypeDefinition definition(EventRequest.TicketTypeRequest type) {
        String id = type.ticketTypeId() == null || type.ticketTypeId().isBlank()
                ? type.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "")
                : type.ticketTypeId();
        return new TicketTypeDefinition(id.isEmpty() ? UUID.randomUUID().toString() : id, type.name(), type.price(),
                type.currency(), type.quantityAvailable(), type.salesStart(), type.salesEnd());
    }
}
