package com.chatnation.crm.application.ticketing;

import com.chatnation.crm.application.platform.pages.Refusal;
import com.chatnation.crm.application.platform.pages.ChartData;
import com.chatnation.crm.application.platform.pages.CsvDownload;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.pages.PageCursor;
import com.chatnation.crm.application.platform.pages.EveryRow;
import com.chatnation.crm.application.platform.pages.PageJson;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.web.ReadYourWrites;
import com.chatnation.crm.domain.ticketing.AddTicketType;
import com.chatnation.crm.domain.ticketing.CreateEvent;
import com.chatnation.crm.domain.ticketing.TicketTypeDefinition;
import com.chatnation.crm.projections.queries.Cursor;
import com.chatnation.crm.projections.queries.EventFunnelQueries;
import com.chatnation.crm.projections.queries.EventFunnelQueries.EventFunnel;
import com.chatnation.crm.projections.queries.EventFunnelQueries.FunnelRow;
import com.chatnation.crm.projections.queries.EventQueries;
import com.chatnation.crm.projections.queries.InvalidCursorException;
import com.chatnation.crm.projections.queries.EventQueries.EventRow;
import com.chatnation.crm.projections.queries.EventQueries.ParticipantRow;
import com.chatnation.crm.projections.queries.EventQueries.ReservationRow;
import com.chatnation.crm.projections.queries.EventQueries.SaleRow;
import com.chatnation.crm.projections.queries.EventQueries.TicketTypeRow;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Events and their tickets: the organization's events with tickets offered, sold, reserved and left, and one event's
 * ticket types, its funnel (registered → reserved → paid → checked in, as a chart and a table), sales, reservations and
 * participants, each table also as CSV. Members who write content create
 * events and add ticket types, as the API's {@code POST …/events} and {@code …/ticket-types} do.
 */
@DashboardPage
class EventsPage {

    /** The new-event form; the first ticket type is optional (more are added on the event's page). */
    record EventForm(String name, String venue, String startsAt, String typeName, String price, String currency,
                     String quantity) {

        static EventForm empty() {
            return new EventForm("", "", "", "", "", "KES", "");
        }

        boolean hasTicketType() {
            return !blank(typeName) || !blank(price) || !blank(quantity);
        }
    }

    /** The add-a-ticket-type form. */
    record TicketTypeForm(String name, String price, String currency, String quantity, String salesStart,
                          String salesEnd) {

        static TicketTypeForm empty() {
            return new TicketTypeForm("", "", "KES", "", "", "");
        }
    }

    private static final int ROWS_PER_PAGE = 50;
    private static final int EXPORT_CHUNK = 500;
    /** How long a change waits for the read tables to show it before the page it leads to is shown. */

    private static final CsvDownload<EventRow> EVENTS = CsvDownload.of(
            List.of("id", "name", "venue", "starts_at", "ticket_types", "offered", "sold", "reserved", "remaining",
                    "created_at"),
            List.<Function<EventRow, Object>>of(EventRow::id, EventRow::name, EventRow::venue, EventRow::startsAt,
                    EventRow::ticketTypes, EventRow::offered, EventRow::sold, EventRow::reserved, EventRow::remaining,
                    EventRow::createdAt));
    private static final CsvDownload<TicketTypeRow> TYPES = CsvDownload.of(
            List.of("id", "name", "price", "currency", "offered", "sold", "reserved", "available", "sales_start",
                    "sales_end"),
            List.<Function<TicketTypeRow, Object>>of(TicketTypeRow::id, TicketTypeRow::name, TicketTypeRow::price,
                    TicketTypeRow::currency, TicketTypeRow::offered, TicketTypeRow::sold, TicketTypeRow::reserved,
                    TicketTypeRow::remaining, TicketTypeRow::salesStart, TicketTypeRow::salesEnd));
    private static final CsvDownload<SaleRow> SALES = CsvDownload.of(
            List.of("ticket_code", "ticket_type", "contact_id", "phone", "price", "currency", "payment_reference",
                    "status", "issued_at"),
            List.<Function<SaleRow, Object>>of(SaleRow::ticketCode, SaleRow::ticketTypeName, SaleRow::contactId,
                    SaleRow::contactPhone, SaleRow::price, SaleRow::currency, SaleRow::paymentReference,
                    SaleRow::status, SaleRow::issuedAt));
    private static final CsvDownload<ReservationRow> RESERVATIONS = CsvDownload.of(
            List.of("id", "ticket_type", "contact_id", "phone", "quantity", "total", "currency", "status",
                    "expires_at", "payment_reference", "created_at"),
            List.<Function<ReservationRow, Object>>of(ReservationRow::id, ReservationRow::ticketTypeName,
                    ReservationRow::contactId, ReservationRow::contactPhone, ReservationRow::quantity,
                    ReservationRow::total, ReservationRow::currency, ReservationRow::status,
                    ReservationRow::expiresAt, ReservationRow::paymentReference, ReservationRow::createdAt));
    private static final CsvDownload<ParticipantRow> PARTICIPANTS = CsvDownload.of(
            List.of("contact_id", "phone", "name", "source", "registered_at"),
            List.<Function<ParticipantRow, Object>>of(ParticipantRow::contactId, ParticipantRow::contactPhone,
                    ParticipantRow::contactName, ParticipantRow::source, ParticipantRow::registeredAt));

    private final EventQueries events;
    private final EventFunnelQueries funnels;
    private final CommandGateway commands;
    private final MessageSource messages;
    private final PageJson json;

    EventsPage(EventQueries events, EventFunnelQueries funnels, CommandGateway commands, MessageSource messages,
               PageJson json) {
        this.events = events;
        this.funnels = funnels;
        this.commands = commands;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/app/events")
    String list(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String cursor,
                @RequestParam(required = false) String format, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        if ("csv".equals(format)) {
            EVENTS.write(response, "events.csv", EveryRow.of(after -> events.events(organization, after, EXPORT_CHUNK)));
            return null;
        }
        model.addAttribute("events", events.events(organization, PageCursor.parse(cursor), ROWS_PER_PAGE));
        model.addAttribute("form", EventForm.empty());
        model.addAttribute("errors", Map.of());
        return "events/list";
    }

    @PostMapping("/app/events")
    String create(@AuthenticationPrincipal CrmPrincipal caller, @ModelAttribute EventForm form, Model model,
                  HttpServletResponse response) {
        String organization = caller.organizationId();
        Map<String, String> errors = new LinkedHashMap<>();
        String name = strip(form.name());
        if (name.isEmpty() || name.length() > 200) {
            errors.put("name", text("events.error.name"));
        }
        if (strip(form.venue()).length() > 200) {
            errors.put("venue", text("events.error.venue"));
        }
        Instant startsAt = time(form.startsAt());
        if (startsAt == null) {
            errors.put("startsAt", text("events.error.startsAt"));
        }
        List<TicketTypeDefinition> types = List.of();
        if (form.hasTicketType()) {
            TicketTypeDefinition type = definition(form.typeName(), form.price(), form.currency(), form.quantity(),
                    null, null, "type", errors);
            types = type == null ? List.of() : List.of(type);
        }
        if (errors.isEmpty()) {
            String eventId = UUID.randomUUID().toString();
            try {
                commands.sendAndWait(new CreateEvent(eventId, organization, name, blankToNull(form.venue()), startsAt,
                        types));
                awaitVisible(() -> events.event(organization, eventId).isPresent());
                return "redirect:/app/events/" + eventId;
            } catch (RuntimeException failure) {
                errors.put("form", Refusal.violationIn(failure).getMessage());
            }
        }
        response.setStatus(errors.containsKey("form") ? HttpStatus.UNPROCESSABLE_ENTITY.value()
                : HttpStatus.BAD_REQUEST.value());
        model.addAttribute("events", events.events(organization, null, ROWS_PER_PAGE));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "events/list";
    }

    @GetMapping("/app/events/{eventId}")
    String event(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String eventId,
                 @RequestParam(required = false) String format, @RequestParam(required = false) String table,
                 @RequestParam(required = false) String sales, @RequestParam(required = false) String reservations,
                 @RequestParam(required = false) String participants, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        EventRow event = find(organization, eventId);
        if ("csv".equals(format)) {
            String file = "event-" + event.id() + "-";
            switch (table == null ? "types" : table) {
                case "sales" -> SALES.write(response, file + "sales.csv",
                        EveryRow.of(after -> events.sales(organization, event.id(), after, EXPORT_CHUNK)));
                case "reservations" -> RESERVATIONS.write(response, file + "reservations.csv",
                        EveryRow.of(after -> events.reservations(organization, event.id(), after, EXPORT_CHUNK)));
                case "participants" -> PARTICIPANTS.write(response, file + "participants.csv",
                        EveryRow.of(after -> events.participants(organization, event.id(), after, EXPORT_CHUNK)));
                case "funnel" -> EventFunnelController.CSV.write(response, file + "funnel.csv",
                        EventFunnelController.rows(funnel(organization, event.id())));
                default -> TYPES.write(response, file + "ticket-types.csv",
                        events.ticketTypes(organization, event.id()));
            }
            return null;
        }
        if (!model.containsAttribute("typeForm")) {
            model.addAttribute("typeForm", TicketTypeForm.empty());
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("event", event);
        model.addAttribute("types", events.ticketTypes(organization, event.id()));
        EventFunnel funnel = funnel(organization, event.id());
        model.addAttribute("funnelRows", EventFunnelController.rows(funnel));
        model.addAttribute("funnelChart", json.write(funnelChart(funnel)));
        model.addAttribute("sales", events.sales(organization, event.id(), PageCursor.parse(sales), ROWS_PER_PAGE));
        model.addAttribute("reservations", events.reservations(organization, event.id(), PageCursor.parse(reservations),
                ROWS_PER_PAGE));
        Cursor participantsAfter = PageCursor.parse(participants);
        try {
            model.addAttribute("participants", events.participants(organization, event.id(), participantsAfter,
                    ROWS_PER_PAGE));
        } catch (InvalidCursorException mangled) {
            model.addAttribute("participants", events.participants(organization, event.id(), null, ROWS_PER_PAGE));
        }
        return "events/detail";
    }

    @PostMapping("/app/events/{eventId}/ticket-types")
    String addTicketType(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String eventId,
                         @ModelAttribute TicketTypeForm form, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        EventRow event = find(organization, eventId);
        Map<String, String> errors = new LinkedHashMap<>();
        TicketTypeDefinition type = definition(form.name(), form.price(), form.currency(), form.quantity(),
                form.salesStart(), form.salesEnd(), "", errors);
        if (type != null && errors.isEmpty()) {
            try {
                commands.sendAndWait(new AddTicketType(event.id(), type));
                awaitVisible(() -> events.ticketTypes(organization, event.id()).stream()
                        .anyMatch(row -> row.id().equals(type.ticketTypeId())));
                return "redirect:/app/events/" + event.id();
            } catch (RuntimeException failure) {
                errors.put("form", Refusal.violationIn(failure).getMessage());
            }
        }
        response.setStatus(errors.containsKey("form") ? HttpStatus.UNPROCESSABLE_ENTITY.value()
                : HttpStatus.BAD_REQUEST.value());
        model.addAttribute("typeForm", form);
        model.addAttribute("errors", errors);
        return event(caller, event.id(), null, null, null, null, null, model, response);
    }

    /**
     * A ticket type from the form's text, as the API's request makes one ({@link TicketAdminController#definition});
     * {@code prefix} names the fields in {@code errors} ({@code typeName} or {@code name}, …). The aggregate checks
     * the rest (currency, decimals, the sales window).
     */
    private TicketTypeDefinition definition(String name, String price, String currency, String quantity,
                                            String salesStart, String salesEnd, String prefix,
                                            Map<String, String> errors) {
        String typeName = strip(name);
        if (typeName.isEmpty() || typeName.length() > 100) {
            errors.put(field(prefix, "name"), text("events.error.typeName"));
        }
        BigDecimal amount = null;
        try {
            amount = new BigDecimal(strip(price));
        } catch (NumberFormatException notANumber) {
            errors.put(field(prefix, "price"), text("events.error.price"));
        }
        int count = -1;
        try {
            count = Integer.parseInt(strip(quantity));
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        if (count < 0) {
            errors.put(field(prefix, "quantity"), text("events.error.quantity"));
        }
        String code = strip(currency).toUpperCase(java.util.Locale.ROOT);
        if (code.isEmpty()) {
            errors.put(field(prefix, "currency"), text("events.error.currency"));
        }
        Instant start = null;
        Instant end = null;
        if (!blank(salesStart)) {
            start = time(salesStart);
            if (start == null) {
                errors.put(field(prefix, "salesStart"), text("events.error.time"));
            }
        }
        if (!blank(salesEnd)) {
            end = time(salesEnd);
            if (end == null) {
                errors.put(field(prefix, "salesEnd"), text("events.error.time"));
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return TicketAdminController.definition(new EventRequest.TicketTypeRequest(null, typeName, amount, code, count,
                start, end));
    }

    private EventFunnel funnel(String organization, String eventId) {
        return funnels.funnel(organization, eventId).orElseThrow(EventsPage::notFound);
    }

    /** One bar per step for the whole event, and one series per ticket type beside it. */
    private ChartData funnelChart(EventFunnel funnel) {
        List<String> steps = List.of(text("events.funnel.registered"), text("events.funnel.reserved"),
                text("events.funnel.paid"), text("events.funnel.checkedIn"));
        List<ChartData.Series> series = new ArrayList<>();
        series.add(new ChartData.Series(text("events.funnel.all"), funnel.event().steps()));
        for (FunnelRow type : funnel.ticketTypes()) {
            series.add(new ChartData.Series(type.name(), type.steps()));
        }
        return new ChartData("bar", steps, series);
    }

    private static String field(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private EventRow find(String organization, String eventId) {
        if (eventId.length() > 64) {
            throw notFound();
        }
        return events.event(organization, eventId).orElseThrow(EventsPage::notFound);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no such event in this organization");
    }

    /** The read tables follow the events a moment later: the next page waits for them, briefly. */
    private static void awaitVisible(BooleanSupplier visible) {
        ReadYourWrites.await(visible);
    }


    /** A {@code datetime-local} value, read as UTC (the page says so). */
    private static Instant time(String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    private static String blankToNull(String value) {
        return blank(value) ? null : value.strip();
    }
}
