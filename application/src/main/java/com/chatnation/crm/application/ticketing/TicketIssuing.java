package com.chatnation.crm.application.ticketing;

import com.chatnation.crm.application.media.MediaStore;
import com.chatnation.crm.domain.conversation.SendNotification;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.ticketing.CancelPaidTickets;
import com.chatnation.crm.domain.ticketing.CancelTicketReservation;
import com.chatnation.crm.domain.ticketing.ConfirmTicketPayment;
import com.chatnation.crm.domain.ticketing.IssuedTickets;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import java.math.BigDecimal;

/**
 * What a reservation's payment does, whoever reports it (a payment provider's answer, or an organizer confirming a
 * payment taken elsewhere): issue the tickets and send the contact their codes and one QR pass per ticket; or, when
 * no money came, release the hold and tell the contact; or, when the organizer calls a paid purchase off, cancel its
 * tickets and tell the contact why and what refund is coming. Runs in the caller's transaction, so the tickets and the
 * messages that carry them commit together with the payment's own record.
 */
@Service
public class TicketIssuing {

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
    /**
     * The action, and the message template re-engaged with after the contact's 24-hour window has closed, of the
     * notice that the organizer cancelled a contact's paid tickets. As with {@link #TICKET_ISSUED_TEMPLATE}, an
     * organization that wants the notice delivered that late creates an approved template of this name with exactly
     * one body parameter (which receives the notice's text); without one the notice expires, uncharged.
     */
    static final String TICKETS_CANCELLED_TEMPLATE = "tickets_cancelled";

    /** What a cancellation of paid tickets did: {@code status} is {@code refunded} when a refund was recorded. */
    public record CancelledTickets(String reservationId, String eventId, int quantity, String status,
                                   BigDecimal refundAmount, String currency, boolean contactNotified) {
    }

    private final CommandGateway commands;
    private final JdbcEventCatalog catalog;
    private final TicketPasses passes;
    private final TicketPassImages images;
    private final MediaStore media;

    TicketIssuing(CommandGateway commands, JdbcEventCatalog catalog, TicketPasses passes, TicketPassImages images,
                  MediaStore media) {
        this.commands = commands;
        this.catalog = catalog;
        this.passes = passes;
        this.images = images;
        this.media = media;
    }

    /**
     * Issues the reservation's tickets for a payment and, the first time, sends them; a repeated confirmation with the
     * same reference returns the same tickets and sends nothing.
     *
     * @throws ResponseStatusException 404 for a reservation the organization does not have
     * @throws com.chatnation.crm.domain.common.DomainRuleViolation when the reservation cannot be paid any more
     *                                                              (expired, cancelled, paid under another reference)
     */
    public IssuedTickets issue(String organizationId, String reservationId, String paymentReference,
                               BigDecimal amountPaid) {
        JdbcEventCatalog.ReservationRow reservation = reservation(organizationId, reservationId);
        IssuedTickets issued = commands.sendAndWait(new ConfirmTicketPayment(reservation.eventId(), reservationId,
                paymentReference, amountPaid));
        boolean firstConfirmation = "held".equals(reservation.status());
        if (firstConfirmation && reservation.conversationId() != null) {
            commands.sendAndWait(new SendNotification(reservation.conversationId(), "events", "ticket_issued",
                    new OutboundReply.Text("Payment received, thank you! Your tickets for *" + reservation.eventName()
                            + "*: " + String.join(", ", issued.ticketCodes()) + ". Show a code at the entrance."),
                    TICKET_ISSUED_TEMPLATE));
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
    }

    /**
     * Gives a held reservation's tickets back because its payment failed, and tells the contact why in
     * {@code because} (completing "Your payment … did not go through: "). A reservation no longer held is left as it is.
     */
    public void releaseUnpaid(String organizationId, String reservationId, String because) {
        JdbcEventCatalog.ReservationRow reservation = reservation(organizationId, reservationId);
        if (!"held".equals(reservation.status())) {
            return;
        }
        commands.sendAndWait(new CancelTicketReservation(reservation.eventId(), reservationId,
                "payment failed: " + because));
        if (reservation.conversationId() != null) {
            commands.sendAndWait(new SendNotification(reservation.conversationId(), "events", "payment_failed",
                    new OutboundReply.Text("Your payment for " + reservation.quantity() + " × "
                            + reservation.ticketTypeName() + " (*" + reservation.eventName() + "*) did not go through: "
                            + because + ". The tickets were released; send *tickets* to try again."), null));
        }
    }

    /**
     * The organizer calls off a paid purchase: its tickets are cancelled (the gate refuses them, and they go back on
     * sale) and the contact is told on WhatsApp, with the reason and the refund when one is recorded.
     * <p>
     * The refund is recorded, not paid: giving M-Pesa money back (a B2C payment or a reversal) needs the organization's
     * initiator credentials, which the service does not hold, so the organizer pays it and this records what is owed.
     *
     * @param refundAmount {@code null} (or zero) for no refund; at most what the reservation cost
     * @throws ResponseStatusException 404 for a reservation the organization does not have
     * @throws com.chatnation.crm.domain.common.DomainRuleViolation {@code not_paid}, {@code already_cancelled},
     *                                                              {@code invalid_refund}, {@code missing_reason}
     */
    public CancelledTickets cancelPaid(String organizationId, String reservationId, String reason,
                                      BigDecimal refundAmount, String cancelledBy) {
        JdbcEventCatalog.ReservationRow reservation = reservation(organizationId, reservationId);
        commands.sendAndWait(new CancelPaidTickets(reservation.eventId(), reservationId, reason, refundAmount,
                cancelledBy));
        BigDecimal refund = refundAmount == null || refundAmount.signum() == 0 ? null : refundAmount;
        boolean notified = reservation.conversationId() != null;
        if (notified) {
            commands.sendAndWait(new SendNotification(reservation.conversationId(), "events",
                    TICKETS_CANCELLED_TEMPLATE, new OutboundReply.Text(cancellationNotice(reservation, reason, refund)),
                    TICKETS_CANCELLED_TEMPLATE));
        }
        return new CancelledTickets(reservationId, reservation.eventId(), reservation.quantity(),
                refund == null ? "cancelled" : "refunded", refund, reservation.currency(), notified);
    }

    /**
     * "Your 2 × VIP tickets for *TechExpo* were cancelled by the organizer: the venue flooded. A refund of KES 7500.50
     * is on its way to you."
     */
    static String cancellationNotice(JdbcEventCatalog.ReservationRow reservation, String reason, BigDecimal refund) {
        String why = reason.strip();
        boolean one = reservation.quantity() == 1;
        StringBuilder notice = new StringBuilder("Your ").append(reservation.quantity()).append(" × ")
                .append(reservation.ticketTypeName()).append(one ? " ticket" : " tickets").append(" for *")
                .append(reservation.eventName()).append('*').append(one ? " was" : " were")
                .append(" cancelled by the organizer: ").append(why);
        if (!why.endsWith(".") && !why.endsWith("!") && !why.endsWith("?")) {
            notice.append('.');
        }
        if (refund != null) {
            notice.append(" A refund of ").append(reservation.currency().strip()).append(' ')
                    .append(refund.toPlainString()).append(" is on its way to you.");
        }
        return notice.toString();
    }

    /** Tells the contact their money came after their tickets were released, and that it is to be refunded. */
    public void tellRefundDue(String organizationId, String reservationId) {
        JdbcEventCatalog.ReservationRow reservation = reservation(organizationId, reservationId);
        if (reservation.conversationId() != null) {
            commands.sendAndWait(new SendNotification(reservation.conversationId(), "events", "payment_refund_due",
                    new OutboundReply.Text("We received your payment for *" + reservation.eventName()
                            + "*, but your reservation had already been released. The organizer will refund you."),
                    null));
        }
    }

    private JdbcEventCatalog.ReservationRow reservation(String organizationId, String reservationId) {
        return catalog.reservation(organizationId, reservationId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no reservation " + reservationId));
    }
}
