package com.chatnation.crm.application.ticketing;

import com.chatnation.crm.application.platform.images.QrPoster;
import org.springframework.stereotype.Component;

import java.awt.Font;
import java.util.List;

/**
 * A ticket as the holder shows it at the gate: a PNG with the pass as a large QR code, and under it the ticket code
 * (for staff to type when a scan fails), the event and the ticket type.
 */
@Component
class TicketPassImages {

    byte[] render(String payload, String ticketCode, String eventName, String ticketTypeName) {
        return QrPoster.render(payload, List.of(
                new QrPoster.Line(ticketCode, new Font(Font.MONOSPACED, Font.BOLD, 44), QrPoster.INK),
                new QrPoster.Line(eventName, new Font(Font.SANS_SERIF, Font.BOLD, 30), QrPoster.INK),
                new QrPoster.Line(ticketTypeName, new Font(Font.SANS_SERIF, Font.PLAIN, 26), QrPoster.MUTED)));
    }
}
