package com.chatnation.crm.application.ticketing;

import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.pages.Refusal;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.projections.queries.EventQueries;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The gate: a phone-sized page where staff pick an event's entrance and scan tickets. A scanner (USB or a phone's)
 * types the QR code's text into the one field and presses Enter; staff can type a code read off a screen instead.
 * Each scan answers in large type, green for "admitted" with the ticket type, red with the reason, above the live
 * counts. Plain forms, no script: it works in any phone's browser, and the gate name rides along in the form.
 */
@DashboardPage
class GatePage {

    /** The answer to a scan, as the page shows it. */
    record Result(boolean admitted, String headline, String detail) {
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final int EVENTS_LISTED = 50;
    /** As the admission allows ({@code TicketAdmission}); checked here first to keep the scan for the next try. */
    private static final int MAX_GATE_LENGTH = 40;

    private final CheckIns checkIns;
    private final JdbcEventCatalog catalog;
    private final EventQueries events;
    private final MessageSource messages;

    GatePage(CheckIns checkIns, JdbcEventCatalog catalog, EventQueries events, MessageSource messages) {
        this.checkIns = checkIns;
        this.catalog = catalog;
        this.events = events;
        this.messages = messages;
    }

    /** The organization's events, latest start first, each leading to its gate. */
    @GetMapping("/app/gate")
    String events(@AuthenticationPrincipal CrmPrincipal caller, Model model) {
        model.addAttribute("events", events.events(caller.organizationId(), null, EVENTS_LISTED).items());
        return "events/gates";
    }

    @GetMapping("/app/events/{eventId}/gate")
    String gate(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String eventId,
                @RequestParam(required = false) String gate, Model model) {
        return page(caller.organizationId(), eventId, gate == null ? "" : gate.strip(), null, null, null, model);
    }

    @PostMapping("/app/events/{eventId}/gate")
    String scan(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String eventId,
                @RequestParam(required = false) String gate, @RequestParam(required = false) String pass,
                Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        String gateName = gate == null ? "" : gate.strip();
        checkIns.requireEvent(organization, eventId);
        if (gateName.isEmpty() || gateName.length() > MAX_GATE_LENGTH) {
            // asked before the ticket, so a scan made before naming the gate is kept for the next try
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(organization, eventId, gateName, null, text("gate.error.gate"), pass, model);
        }
        Result result;
        try {
            CheckIns.Admitted admitted = checkIns.admit(organization, eventId, pass, gateName, caller.id());
            result = new Result(true, text("gate.admitted"), typeName(eventId, admitted.ticketTypeId()) + " · "
                    + admitted.ticketCode());
        } catch (CheckInRefusal refused) {
            result = refused(eventId, refused);
            if ("invalid_request".equals(refused.code())) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
            }
        } catch (RuntimeException failure) {
            // the admission's own rule on gate names (printable characters only)
            if (!Refusal.of("gate", failure).map(refusal -> "invalid_gate".equals(refusal.code())).orElse(false)) {
                throw failure;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(organization, eventId, gateName, null, text("gate.error.gate"), pass, model);
        }
        return page(organization, eventId, gateName, result, null, null, model);
    }

    /** The gate page; {@code pass} is put back in the field only when the scan was not tried. */
    private String page(String organization, String eventId, String gate, Result result, String gateError,
                        String pass, Model model) {
        model.addAttribute("eventId", eventId);
        model.addAttribute("eventName", checkIns.requireEvent(organization, eventId));
        model.addAttribute("gate", gate);
        model.addAttribute("gateError", gateError);
        model.addAttribute("pass", pass == null ? "" : pass);
        model.addAttribute("result", result);
        model.addAttribute("counts", checkIns.counts(organization, eventId));
        return "events/gate";
    }

    private Result refused(String eventId, CheckInRefusal refused) {
        Object code = refused.details().get("ticketCode");
        return switch (refused.code()) {
            case "already_checked_in" -> new Result(false, text("gate.refused.used"), text("gate.refused.usedAt",
                    refused.details().get("firstGate"), CLOCK.format((Instant) refused.details().get("firstAt")))
                    + " · " + typeName(eventId, (String) refused.details().get("ticketTypeId")) + " · " + code);
            case "forged_pass" -> new Result(false, text("gate.refused.forged"), text("gate.refused.forged.detail"));
            case "unknown_ticket" -> new Result(false, text("gate.refused.unknown"), refused.getMessage());
            case "wrong_event" -> new Result(false, text("gate.refused.wrongEvent"), refused.getMessage());
            case "cancelled_ticket" -> new Result(false, text("gate.refused.cancelled"),
                    text("gate.refused.cancelled.detail") + " · "
                            + typeName(eventId, (String) refused.details().get("ticketTypeId")) + " · " + code);
            case "invalid_request" -> new Result(false, text("gate.refused.empty"), text("gate.refused.empty.detail"));
            default -> new Result(false, text("gate.refused"), refused.getMessage());
        };
    }

    private String typeName(String eventId, String ticketTypeId) {
        return catalog.names(eventId, ticketTypeId).map(names -> names[1]).orElse(ticketTypeId);
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale());
    }
}
