package com.chatnation.crm.application.ticketing;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import com.chatnation.crm.application.media.MediaStore;
import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.application.platform.web.KnownOrganizations;
import com.chatnation.crm.domain.conversation.SendNotification;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.ticketing.AddTicketType;
import com.chatnation.crm.domain.ticketing.ConfirmTicketPayment;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@RestController
@SecurityRequirement(name = "bearer")
@RequestMapping("/api/v1/orgs/{orgId}")
@Tag(name = "Events and tickets")
class TicketAdminController {

    /**
     * The message template the ticket codes are sent as when payment comes after the contact's 24-hour window has
     * closed (WhatsApp then takes no free-form message). An organization that wants codes delivered that late creates
     * a template of this name and has it approved, with exactly one body parameter and no header or button
     * parameters: the parameter receives the notification's text (the event and the ticket codes) on one line.
     * Without such a template the notification expires, uncharged.
     */
    static final String TICKET_ISSUED_TEMPLATE = "ticket_issued";
    /**
     * The action each ticket's QR image is sent (and priced) as. It names no template to re-engage with: after the
     * window only a template can go out, and the codes' own notification already carries them as text.
     */
    static final String TICKET_PASS_ACTION = "ticket_pass";

    private final CommandGateway commands;
    private final KnownOrganizations organizations;
    private final JdbcEventCatalog catalog;
    private final TransactionalRetry transaction;
    private final TicketPasses passes;
    private final TicketPassImages images;
    private final MediaStore media;

    public TicketAdminController(CommandGateway commands, KnownOrganizations organizations, JdbcEventCatalog catalog,
                                 TransactionalRetry transaction, TicketPasses passes, TicketPassImages images,
                                 MediaStore media) {
        this.commands = commands;
        this.organizations = organizations;
        this.catalog = catalog;
        this.transaction = transaction;
        this.passes = passes;
        this.images = images;
        this.media = media;
    }

    public record CreatedEvent(String eventId, List<String> ticketTypeIds) {
    }

    public record Payment(@NotBlank @Size(max = 128) String paymentReference,
                          @NotNull @DecimalMin("0.00") BigDecimal amountPaid) {
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
    @Operation(summary = "Payment callback: issue the reserved tickets and send their codes to the contact, then each "
            + "ticket as a QR code image to show at the gate")
    public IssuedTickets confirmPayment(@PathVariable("orgId") String organizationId, @PathVariable String reservationId,
                                        @Valid @RequestBody Payment payment) {
        organizations.require(organizationId);
        JdbcEventCatalog.ReservationRow reservation = catalog.reservation(organizationId, reservationId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no reservation " + reservationId));
        return transaction.inTransaction(() -> {
            IssuedTickets issued = commands.sendAndWait(new ConfirmTicketPayment(reservation.eventId(), reservationId,
                    payment.paymentReference(), payment.amountPaid()));
            boolean firstConfirmation = "held".equals(reservation.status());
            if (firstConfirmation && reservation.conversationId() != null) {
                commands.sendAndWait(new SendNotification(reservation.conversationId(), "events", "ticket_issued",
                        new OutboundReply.Text("Payment received, thank you! Your tickets for *" + reservation.eventName()
                                + "*: " + String.join(", ", issued.ticketCodes()) + ". Show a code at the entrance."),
                        TICKET_ISSUED_TEMPLATE));
                // in the transaction that issues the tickets, so the passes go out exactly when the codes do
                for (String code : issued.ticketCodes()) {
                    String key = media.keep(organizationId, images.render(passes.payload(code), code,
                            reservation.eventName(), reservation.ticketTypeName()));
                    commands.sendAndWait(new SendNotification(reservation.conversationId(), "events",
                            TICKET_PASS_ACTION, new OutboundReply.Image(key, "Your " + reservation.ticketTypeName()
                            + " ticket for *" + reservation.eventName() + "*: " + code
                            + ". Show this QR code at the entrance."), null));
                }
            }
            return issued;
        });
    }

    static TicketTypeDefinition definition(EventRequest.TicketTypeRequest type) {
        String id = type.ticketTypeId() == null || type.ticketTypeId().isBlank()
                ? type.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "")
                : type.ticketTypeId();
        return new TicketTypeDefinition(id.isEmpty() ? UUID.randomUUID().toString() : id, type.name(), type.price(),
                type.currency(), type.quantityAvailable(), type.salesStart(), type.salesEnd());
    }
}
