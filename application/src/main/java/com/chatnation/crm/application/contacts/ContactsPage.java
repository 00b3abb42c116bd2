package com.chatnation.crm.application.contacts;

import com.chatnation.crm.application.platform.pages.CsvDownload;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.pages.PageCursor;
import com.chatnation.crm.application.platform.pages.EveryRow;
import com.chatnation.crm.application.platform.pages.Refusal;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.domain.contact.ContactFields;
import com.chatnation.crm.projections.queries.ContactActivityQueries;
import com.chatnation.crm.projections.queries.ContactActivityQueries.ReservationRow;
import com.chatnation.crm.projections.queries.ContactActivityQueries.SurveyResponseRow;
import com.chatnation.crm.projections.queries.ContactActivityQueries.TicketRow;
import com.chatnation.crm.projections.queries.ContactProfileQueries;
import com.chatnation.crm.projections.queries.ContactProfileQueries.Profile;
import com.chatnation.crm.projections.queries.ContactQueries;
import com.chatnation.crm.projections.queries.ContactQueries.ContactRow;
import com.chatnation.crm.projections.queries.ContactQueries.Search;
import com.chatnation.crm.projections.queries.ContactQueries.SessionRow;
import com.chatnation.crm.projections.queries.ConversationQueries;
import com.chatnation.crm.projections.queries.ConversationQueries.MessageRow;
import com.chatnation.crm.projections.queries.InvalidCursorException;
import com.chatnation.crm.projections.queries.Page;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The organization's contacts: a search (phone prefix or part of the name, as the API's, narrowed by a tag),
 * a contact's profile with what the organization keeps about them and what they did (sessions, survey answers,
 * tickets), a session's transcript, and changes to tags and attributes through the same service as the API's.
 * Changes come from htmx forms and answer with the part of the page they changed, once the read tables show it.
 */
@DashboardPage
class ContactsPage {

    private static final int ROWS_PER_PAGE = 50;
    /** A CSV export reads a list in chunks of this many rows. */
    private static final int EXPORT_CHUNK = 1000;
    private static final int SESSIONS_PER_PAGE = 20;
    private static final int ACTIVITY_ROWS = 50;
    private static final int EXPORT_ACTIVITY_ROWS = 10_000;
    private static final int MESSAGES_PER_PAGE = 100;
    private static final int KNOWN_TAGS = 200;
    /** As the API's {@code q}. */
    static final int MAX_QUERY_LENGTH = 100;
    /** How long a change waits for the profile's read tables to show it (usually milliseconds). */
    private static final Duration CATCH_UP = Duration.ofSeconds(5);

    private static final CsvDownload<ContactRow> CONTACTS = CsvDownload.of(
            List.of("contact_id", "phone", "name", "first_seen_at", "last_seen_at", "messages", "conversations",
                    "marketing_opt_in"),
            List.<Function<ContactRow, Object>>of(ContactRow::id, ContactRow::phone, ContactRow::name,
                    ContactRow::firstSeenAt, ContactRow::lastSeenAt, ContactRow::messageCount,
                    ContactRow::conversationCount, ContactRow::marketingOptIn));

    private static final CsvDownload<SessionRow> SESSIONS = CsvDownload.of(
            List.of("conversation_id", "status", "state", "step", "module", "started_at", "last_message_at",
                    "ended_at", "end_reason", "messages", "inbound", "outbound"),
            List.<Function<SessionRow, Object>>of(SessionRow::id, SessionRow::status, SessionRow::currentState,
                    SessionRow::currentStep, SessionRow::currentModule, SessionRow::startedAt,
                    SessionRow::lastMessageAt, SessionRow::endedAt, SessionRow::endReason, SessionRow::messageCount,
                    SessionRow::inboundCount, SessionRow::outboundCount));

    private static final CsvDownload<SurveyResponseRow> RESPONSES = CsvDownload.of(
            List.of("response_id", "survey", "status", "started_at", "completed_at", "abandoned_at", "answered",
                    "answers"),
            List.<Function<SurveyResponseRow, Object>>of(SurveyResponseRow::id, SurveyResponseRow::surveyTitle,
                    SurveyResponseRow::status, SurveyResponseRow::startedAt, SurveyResponseRow::completedAt,
                    SurveyResponseRow::abandonedAt, SurveyResponseRow::answeredCount,
                    row -> String.join("; ", row.answers().stream()
                            .map(answer -> answer.question() + ": " + answer.answer()).toList())));

    private static final CsvDownload<TicketRow> TICKETS = CsvDownload.of(
            List.of("ticket_code", "event", "ticket_type", "price", "currency", "status", "issued_at"),
            List.<Function<TicketRow, Object>>of(TicketRow::code, TicketRow::eventName, TicketRow::ticketTypeName,
                    TicketRow::price, TicketRow::currency, TicketRow::status, TicketRow::issuedAt));

    private static final CsvDownload<MessageRow> TRANSCRIPT = CsvDownload.of(
            List.of("time", "direction", "type", "text", "status", "module", "action"),
            List.<Function<MessageRow, Object>>of(MessageRow::createdAt, MessageRow::direction, MessageRow::type,
                    MessageRow::text, MessageRow::status, MessageRow::module, MessageRow::action));

    /** The header of a profile: a contact who wrote, or one known only from an import (no activity yet). */
    record ContactView(UUID id, String phone, String name, Instant firstSeenAt, Instant lastSeenAt, int messageCount,
                       int conversationCount, Boolean marketingOptIn, String consentSource, Instant consentChangedAt,
                       Instant importedAt) {
    }

    /** A change to a profile: sends it, and says what the profile's read tables show once they have it. */
    private interface Change {
        Predicate<Profile> apply(String organizationId, String contactId);
    }

    private final ContactQueries contacts;
    private final ContactProfileQueries profiles;
    private final ContactActivityQueries activity;
    private final ConversationQueries conversations;
    private final ContactProfiles changes;

    ContactsPage(ContactQueries contacts, ContactProfileQueries profiles, ContactActivityQueries activity,
                 ConversationQueries conversations, ContactProfiles changes) {
        this.contacts = contacts;
        this.profiles = profiles;
        this.activity = activity;
        this.conversations = conversations;
        this.changes = changes;
    }

    @GetMapping("/app/contacts")
    String contacts(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String q,
                    @RequestParam(required = false) String tag, @RequestParam(required = false) String cursor,
                    @RequestParam(required = false) String format, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        String query = q == null ? "" : q.strip();
        String chosenTag = tag == null || tag.isBlank() ? null : tag.strip().toLowerCase(Locale.ROOT);
        model.addAttribute("q", query);
        model.addAttribute("tag", chosenTag);
        model.addAttribute("knownTags", profiles.organizationTags(organization, KNOWN_TAGS));
        if (query.length() > MAX_QUERY_LENGTH) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("searchError", true);
            model.addAttribute("results", new Page<ContactRow>(List.of(), null));
            return "contacts/contacts";
        }
        Search search = Search.of(query);
        if ("csv".equals(format)) {
            CONTACTS.write(response, "contacts.csv",
                    EveryRow.of(after -> contacts.search(organization, search, chosenTag, after, EXPORT_CHUNK)));
            return null;
        }
        Page<ContactRow> results;
        try {
            results = contacts.search(organization, search, chosenTag, PageCursor.parse(cursor), ROWS_PER_PAGE);
        } catch (InvalidCursorException mangled) {
            results = contacts.search(organization, search, chosenTag, null, ROWS_PER_PAGE);
        }
        model.addAttribute("results", results);
        return "contacts/contacts";
    }

    @GetMapping("/app/contacts/{contactId}")
    String contact(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String contactId,
                   @RequestParam(required = false) String sessions, @RequestParam(required = false) String format,
                   @RequestParam(required = false) String table, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        ContactView contact = contact(organization, contactId);
        if ("csv".equals(format)) {
            export(organization, contact, table, response);
            return null;
        }
        profilePage(organization, contact, sessions, model);
        return "contacts/contact";
    }

    @GetMapping("/app/contacts/{contactId}/conversations/{conversationId}")
    String conversation(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String contactId,
                        @PathVariable String conversationId, @RequestParam(required = false) String cursor,
                        @RequestParam(required = false) String format, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        ContactView contact = contact(organization, contactId);
        SessionRow session = contacts.session(organization, contact.id(), conversationId).orElseThrow(ContactsPage::notFound);
        if ("csv".equals(format)) {
            TRANSCRIPT.write(response, "conversation-" + contact.id() + ".csv", EveryRow.of(after ->
                    conversations.transcript(organization, session.id(), after, EXPORT_CHUNK)));
            return null;
        }
        Page<MessageRow> messages;
        try {
            messages = conversations.transcript(organization, session.id(), PageCursor.parse(cursor), MESSAGES_PER_PAGE);
        } catch (InvalidCursorException mangled) {
            messages = conversations.transcript(organization, session.id(), null, MESSAGES_PER_PAGE);
        }
        model.addAttribute("contact", contact);
        model.addAttribute("conversation", session);
        model.addAttribute("messages", messages);
        return "contacts/conversation";
    }

    @PostMapping("/app/contacts/{contactId}/tags")
    String tag(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String contactId,
               @RequestParam(required = false) String tag, @RequestHeader(name = "HX-Request", required = false) String htmx,
               Model model, HttpServletResponse response) {
        return change(caller, contactId, "tags", htmx != null, Map.of("tagInput", Objects.requireNonNullElse(tag, "")),
                model, response, (organization, contact) -> {
                    changes.tag(organization, contact, tag);
                    String stored = ContactFields.tag(tag);
                    return profile -> profile.tags().contains(stored);
                });
    }

    @PostMapping("/app/contacts/{contactId}/tags/removal")
    String untag(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String contactId,
                 @RequestParam(required = false) String tag, @RequestHeader(name = "HX-Request", required = false) String htmx,
                 Model model, HttpServletResponse response) {
        return change(caller, contactId, "tags", htmx != null, Map.of(), model, response, (organization, contact) -> {
            changes.untag(organization, contact, tag);
            String stored = ContactFields.tag(tag);
            return profile -> !profile.tags().contains(stored);
        });
    }

    @PostMapping("/app/contacts/{contactId}/attributes")
    String setAttribute(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String contactId,
                        @RequestParam(required = false) String key, @RequestParam(required = false) String value,
                        @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                        HttpServletResponse response) {
        String givenKey = key == null ? "" : key.strip();
        return change(caller, contactId, "attributes", htmx != null,
                Map.of("attributeKey", givenKey, "attributeValue", Objects.requireNonNullElse(value, "")), model,
                response, (organization, contact) -> {
                    changes.setAttribute(organization, contact, givenKey, value);
                    return profile -> Objects.equals(profile.attributes().get(givenKey), value);
                });
    }

    @PostMapping("/app/contacts/{contactId}/attributes/removal")
    String removeAttribute(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String contactId,
                           @RequestParam(required = false) String key,
                           @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                           HttpServletResponse response) {
        return change(caller, contactId, "attributes", htmx != null, Map.of(), model, response,
                (organization, contact) -> {
                    changes.removeAttribute(organization, contact, key);
                    return profile -> !profile.attributes().containsKey(key);
                });
    }

    /**
     * Sends a change and answers with the changed part of the profile (htmx) or the profile page (a plain form:
     * redirected to after a change, shown with the refusal otherwise). A refusal is shown next to the form it
     * concerns, with what was typed.
     */
    private String change(CrmPrincipal caller, String contactId, String form, boolean htmx, Map<String, String> typed,
                          Model model, HttpServletResponse response, Change change) {
        String organization = caller.organizationId();
        ContactView contact = contact(organization, contactId);
        Profile profile;
        try {
            profile = caughtUp(organization, contact.id(), change.apply(organization, contact.id().toString()));
        } catch (UnknownContact erased) {
            throw notFound();
        } catch (RuntimeException failure) {
            Refusal refusal = Refusal.of(form, failure).orElseThrow(() -> failure);
            model.addAttribute("refusal", refusal);
            model.addAllAttributes(typed);
            if (!htmx) {
                response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
                profilePage(organization, contact, null, model);
                return "contacts/contact";
            }
            profile = profiles.profile(organization, contact.id());
        }
        if (!htmx) {
            return "redirect:/app/contacts/" + contact.id();
        }
        model.addAttribute("contact", contact);
        model.addAttribute("profile", profile);
        model.addAttribute("knownTags", profiles.organizationTags(organization, KNOWN_TAGS));
        return "contacts/contact :: " + form;
    }

    private void profilePage(String organization, ContactView contact, String sessionsCursor, Model model) {
        model.addAttribute("contact", contact);
        model.addAttribute("profile", profiles.profile(organization, contact.id()));
        model.addAttribute("knownTags", profiles.organizationTags(organization, KNOWN_TAGS));
        Page<SessionRow> sessions;
        try {
            sessions = contacts.sessions(organization, contact.id(), PageCursor.parse(sessionsCursor), SESSIONS_PER_PAGE);
        } catch (InvalidCursorException mangled) {
            sessions = contacts.sessions(organization, contact.id(), null, SESSIONS_PER_PAGE);
        }
        model.addAttribute("sessions", sessions);
        model.addAttribute("responses", activity.surveyResponses(organization, contact.id(), ACTIVITY_ROWS));
        model.addAttribute("tickets", activity.tickets(organization, contact.id(), ACTIVITY_ROWS));
        model.addAttribute("reservations", activity.openReservations(organization, contact.id(), ACTIVITY_ROWS));
    }

    private void export(String organization, ContactView contact, String table, HttpServletResponse response) {
        String name = contact.id() + ".csv";
        switch (table == null ? "conversations" : table) {
            case "surveys" -> RESPONSES.write(response, "survey-responses-" + name,
                    activity.surveyResponses(organization, contact.id(), EXPORT_ACTIVITY_ROWS));
            case "tickets" -> TICKETS.write(response, "tickets-" + name,
                    activity.tickets(organization, contact.id(), EXPORT_ACTIVITY_ROWS));
            default -> SESSIONS.write(response, "conversations-" + name,
                    EveryRow.of(after -> contacts.sessions(organization, contact.id(), after, EXPORT_CHUNK)));
        }
    }

    /** The contact as the API's {@code GET contacts/{id}} finds it; 404 for an unknown, erased or foreign one. */
    private ContactView contact(String organization, String rawId) {
        UUID id;
        try {
            id = UUID.fromString(rawId);
        } catch (IllegalArgumentException notAnId) {
            throw notFound();
        }
        return contacts.contact(organization, id)
                .map(row -> new ContactView(row.id(), row.phone(), row.name(), row.firstSeenAt(), row.lastSeenAt(),
                        row.messageCount(), row.conversationCount(), row.marketingOptIn(), row.consentSource(),
                        row.consentChangedAt(), null))
                .or(() -> profiles.imported(organization, id).map(imported -> new ContactView(id, imported.phone(),
                        imported.name(), null, null, 0, 0, null, null, null, imported.importedAt())))
                .orElseThrow(ContactsPage::notFound);
    }

    /** The profile once its read tables show the change (they follow the event log within milliseconds). */
    private Profile caughtUp(String organization, UUID contact, Predicate<Profile> showsChange) {
        Instant deadline = Instant.now().plus(CATCH_UP);
        Profile profile = profiles.profile(organization, contact);
        while (!showsChange.test(profile) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            profile = profiles.profile(organization, contact);
        }
        return profile;
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
