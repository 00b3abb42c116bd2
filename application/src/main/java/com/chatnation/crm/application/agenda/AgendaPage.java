package com.chatnation.crm.application.agenda;

import com.chatnation.crm.application.agenda.AgendaRequests.SessionRequest;
import com.chatnation.crm.application.agenda.AgendaRequests.SpeakerRequest;
import com.chatnation.crm.application.platform.pages.Refusal;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.web.ReadYourWrites;
import com.chatnation.crm.domain.agenda.Agenda;
import com.chatnation.crm.projections.queries.AgendaQueries;
import com.chatnation.crm.projections.queries.AgendaQueries.AgendaView;
import com.chatnation.crm.projections.queries.EventQueries;
import com.chatnation.crm.projections.queries.EventQueries.EventRow;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * An event's agenda page: its sessions in time order with their rooms, panels and reminders, and, for members who
 * write content, forms to add a session (times in the agenda's zone), add a speaker and put speakers on sessions, and
 * cancel a session, through the same {@link Agendas} and rules as the API.
 */
@DashboardPage
class AgendaPage {

    /** The new-session form: times as the browser's {@code datetime-local} gives them, in the agenda's zone. */
    record SessionForm(String title, String description, String startsAt, String endsAt, String room,
                       String capacity, String timeZone) {

        static SessionForm empty() {
            return new SessionForm("", "", "", "", "", "", Agenda.DEFAULT_TIME_ZONE);
        }
    }

    /** The new-speaker form; {@code sessionId} optionally puts the new speaker on a session at once. */
    record SpeakerForm(String name, String title, String company, String bio, String sessionId) {

        static SpeakerForm empty() {
            return new SpeakerForm("", "", "", "", "");
        }
    }

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final Agendas agendas;
    private final AgendaQueries queries;
    private final EventQueries events;

    AgendaPage(Agendas agendas, AgendaQueries queries, EventQueries events) {
        this.agendas = agendas;
        this.queries = queries;
        this.events = events;
    }

    @GetMapping("/app/events/{eventId}/agenda")
    String agenda(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String eventId, Model model) {
        String organization = caller.organizationId();
        EventRow event = find(organization, eventId);
        Optional<AgendaView> agenda = queries.agenda(organization, event.id());
        if (!model.containsAttribute("sessionForm")) {
            model.addAttribute("sessionForm", agenda.map(a -> new SessionForm("", "", "", "", "", "", a.timeZone()))
                    .orElse(SessionForm.empty()));
        }
        if (!model.containsAttribute("speakerForm")) {
            model.addAttribute("speakerForm", SpeakerForm.empty());
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("event", event);
        model.addAttribute("timeZone", agenda.map(AgendaView::timeZone).orElse(null));
        model.addAttribute("sessions", agenda.map(AgendaView::sessions).orElse(List.of()));
        Map<String, String> when = new LinkedHashMap<>();
        agenda.ifPresent(a -> {
            ZoneId zone = ZoneId.of(a.timeZone());
            a.sessions().forEach(s -> when.put(s.id(), DAY_TIME.format(s.startsAt().atZone(zone)) + "–"
                    + TIME.format(s.endsAt().atZone(zone))));
        });
        model.addAttribute("when", when);
        model.addAttribute("speakers", queries.speakers(organization));
        return "agenda/agenda";
    }

    @PostMapping("/app/events/{eventId}/agenda/sessions")
    String addSession(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String eventId,
                      @ModelAttribute SessionForm form, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        EventRow event = find(organization, eventId);
        Map<String, String> errors = new LinkedHashMap<>();
        ZoneId zone = zone(organization, event.id(), form.timeZone(), errors);
        Instant startsAt = time(form.startsAt(), zone, "startsAt", errors);
        Instant endsAt = time(form.endsAt(), zone, "endsAt", errors);
        Integer capacity = null;
        if (form.capacity() != null && !form.capacity().isBlank()) {
            try {
                capacity = Integer.valueOf(form.capacity().strip());
            } catch (NumberFormatException notANumber) {
                errors.put("capacity", "a whole number of seats");
            }
        }
        if (errors.isEmpty()) {
            try {
                String sessionId = agendas.addSession(organization, event.id(), new SessionRequest(form.title(),
                        form.description(), startsAt, endsAt, form.room(), capacity, null,
                        zone == null ? null : zone.getId()));
                await(() -> shows(organization, event.id(), sessionId));
                return "redirect:/app/events/" + event.id() + "/agenda";
            } catch (RuntimeException failure) {
                errors.put("session", Refusal.violationIn(failure).getMessage());
            }
        }
        response.setStatus(errors.containsKey("session") ? HttpStatus.UNPROCESSABLE_ENTITY.value()
                : HttpStatus.BAD_REQUEST.value());
        model.addAttribute("sessionForm", form);
        model.addAttribute("errors", errors);
        return agenda(caller, event.id(), model);
    }

    @PostMapping("/app/events/{eventId}/agenda/speakers")
    String addSpeaker(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String eventId,
                      @ModelAttribute SpeakerForm form, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        EventRow event = find(organization, eventId);
        try {
            String speakerId = agendas.createSpeaker(organization, new SpeakerRequest(form.name(), form.title(),
                    form.company(), form.bio()));
            if (form.sessionId() != null && !form.sessionId().isBlank()) {
                agendas.assignSpeaker(organization, event.id(), form.sessionId().strip(), speakerId);
            }
            await(() -> queries.speakers(organization).stream().anyMatch(s -> s.id().equals(speakerId)));
            return "redirect:/app/events/" + event.id() + "/agenda";
        } catch (RuntimeException failure) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("speakerForm", form);
            model.addAttribute("errors", Map.of("speaker", refusal(failure)));
            return agenda(caller, event.id(), model);
        }
    }

    @PostMapping("/app/events/{eventId}/agenda/sessions/{sessionId}/speakers")
    String assignSpeaker(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String eventId,
                         @PathVariable String sessionId, @RequestParam(required = false) String speakerId,
                         Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        EventRow event = find(organization, eventId);
        try {
            agendas.assignSpeaker(organization, event.id(), sessionId, speakerId == null ? "" : speakerId);
            return "redirect:/app/events/" + event.id() + "/agenda";
        } catch (RuntimeException failure) {
            response.setStatus(failure instanceof AgendaRefusal ? HttpStatus.NOT_FOUND.value()
                    : HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("errors", Map.of("panel", refusal(failure)));
            return agenda(caller, event.id(), model);
        }
    }

    @PostMapping("/app/events/{eventId}/agenda/sessions/{sessionId}/cancel")
    String cancelSession(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String eventId,
                         @PathVariable String sessionId, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        EventRow event = find(organization, eventId);
        try {
            agendas.cancelSession(organization, event.id(), sessionId);
            return "redirect:/app/events/" + event.id() + "/agenda";
        } catch (AgendaRefusal unknown) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, unknown.getMessage());
        }
    }

    private boolean shows(String organization, String eventId, String sessionId) {
        return queries.agenda(organization, eventId).map(a -> a.sessions().stream()
                .anyMatch(s -> s.id().equals(sessionId))).orElse(false);
    }

    private ZoneId zone(String organization, String eventId, String given, Map<String, String> errors) {
        Optional<String> agendaZone = agendas.hasAgenda(organization, eventId)
                ? Optional.of(queries.agenda(organization, eventId).map(AgendaView::timeZone)
                .orElse(Agenda.DEFAULT_TIME_ZONE)) : Optional.empty();
        String zone = agendaZone.orElse(given == null || given.isBlank() ? Agenda.DEFAULT_TIME_ZONE : given.strip());
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException unknown) {
            errors.put("timeZone", "an IANA time zone such as Africa/Nairobi");
            return null;
        }
    }

    private static Instant time(String given, ZoneId zone, String field, Map<String, String> errors) {
        if (zone == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(given == null ? "" : given.strip()).atZone(zone).toInstant();
        } catch (DateTimeException unreadable) {
            errors.put(field, "a date and time");
            return null;
        }
    }

    private EventRow find(String organization, String eventId) {
        if (eventId.length() > 64) {
            throw notFound();
        }
        return events.event(organization, eventId).orElseThrow(AgendaPage::notFound);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no such event in this organization");
    }

    private static void await(BooleanSupplier shown) {
        ReadYourWrites.await(shown);
    }

    private static String refusal(RuntimeException failure) {
        return failure instanceof AgendaRefusal ? failure.getMessage() : Refusal.violationIn(failure).getMessage();
    }

}
