package com.chatnation.crm.application.dashboard;

import com.chatnation.crm.projections.queries.ContactProfileQueries;
import com.chatnation.crm.projections.queries.ContactQueries;
import com.chatnation.crm.projections.queries.ContactQueries.ContactRow;
import com.chatnation.crm.projections.queries.ContactQueries.Search;
import com.chatnation.crm.projections.queries.ContactQueries.SessionRow;
import com.chatnation.crm.projections.queries.ConversationQueries;
import com.chatnation.crm.projections.queries.ConversationQueries.MessageRow;
import com.chatnation.crm.projections.queries.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.chatnation.crm.application.platform.web.DashboardRequests.after;
import static com.chatnation.crm.application.platform.web.DashboardRequests.badRequest;
import static com.chatnation.crm.application.platform.web.DashboardRequests.limit;
import static com.chatnation.crm.application.platform.web.DashboardRequests.notFound;

/** Contacts, their sessions and transcripts, read from the CRM read tables of the calling organization. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}")
@Tag(name = "Dashboard: contacts and conversations")
@SecurityRequirement(name = "bearer")
class ContactsController {

    static final int MAX_QUERY_LENGTH = 100;

    private final ContactQueries contacts;
    private final ConversationQueries conversations;
    private final ContactProfileQueries profiles;

    public ContactsController(ContactQueries contacts, ConversationQueries conversations,
                              ContactProfileQueries profiles) {
        this.contacts = contacts;
        this.conversations = conversations;
        this.profiles = profiles;
    }

    @GetMapping("/contacts")
    @Operation(summary = "Search contacts, most recently active first",
            description = "q is a phone number prefix (with or without +) or a part of the name (any case). "
                    + "Keyset paginated: pass nextCursor back as after.")
    public Page<ContactRow> search(@PathVariable String orgId,
                                   @Parameter(description = "phone prefix or part of the name") @RequestParam(required = false) String q,
                                   @Parameter(description = "page size, 1 to 200, default 50") @RequestParam(required = false) String limit,
                                   @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String after) {
        return contacts.search(orgId, search(q), after(after), limit(limit));
    }

    /**
     * A contact with what the organization keeps about them. {@code marketingOptIn}, {@code consentSource} and
     * {@code consentChangedAt} are what the contact said themselves (a STOP or START word, Meta's preferences, a
     * 131050 refusal; null when they never said); {@code consent} is what the organization recorded (over the API or
     * by import). {@code imported} is set for a contact that arrived by import (and holds their number and name until
     * they write).
     */
    public record ContactDetails(UUID id, String phone, String name, Instant firstSeenAt, Instant lastSeenAt,
                                 int messageCount, int conversationCount, Boolean marketingOptIn,
                                 String consentSource, Instant consentChangedAt, List<String> tags,
                                 Map<String, String> attributes, ContactProfileQueries.Consent consent,
                                 ContactProfileQueries.Imported imported) {
    }

    @GetMapping("/contacts/{contactId}")
    @Operation(summary = "One contact, with tags, attributes, consent and import",
            description = "A contact known only from an import has no activity yet: its times are null and its "
                    + "counts 0.")
    public ContactDetails contact(@PathVariable String orgId, @PathVariable String contactId) {
        UUID id = contactId(contactId);
        Optional<ContactRow> contact = contacts.contact(orgId, id);
        ContactProfileQueries.Profile profile = profiles.profile(orgId, id);
        if (contact.isEmpty() && profile.imported() == null) {
            throw notFound("no contact " + contactId + " in this organization");
        }
        ContactProfileQueries.Imported imported = profile.imported();
        return contact.map(row -> new ContactDetails(row.id(), row.phone(), row.name(), row.firstSeenAt(),
                        row.lastSeenAt(), row.messageCount(), row.conversationCount(), row.marketingOptIn(),
                        row.consentSource(), row.consentChangedAt(), profile.tags(), profile.attributes(),
                        profile.consent(), imported))
                .orElseGet(() -> new ContactDetails(id, imported.phone(), imported.name(), null, null, 0, 0, null,
                        null, null, profile.tags(), profile.attributes(), profile.consent(), imported));
    }

    @GetMapping("/contacts/{contactId}/conversations")
    @Operation(summary = "A contact's sessions, newest first, with state, module and message counts")
    public Page<SessionRow> sessions(@PathVariable String orgId, @PathVariable String contactId,
                                     @RequestParam(required = false) String limit,
                                     @RequestParam(required = false) String after) {
        UUID id = contactId(contactId);
        int size = limit(limit);
        var cursor = after(after);
        if (contacts.contact(orgId, id).isEmpty()) {
            throw notFound("no contact " + contactId + " in this organization");
        }
        return contacts.sessions(orgId, id, cursor, size);
    }

    @GetMapping("/conversations/{conversationId}/messages")
    @Operation(summary = "A session's transcript, inbound and outbound in order, with delivery status and times")
    public Page<MessageRow> transcript(@PathVariable String orgId, @PathVariable String conversationId,
                                       @RequestParam(required = false) String limit,
                                       @RequestParam(required = false) String after) {
        int size = limit(limit);
        var cursor = after(after);
        if (!conversations.exists(orgId, conversationId)) {
            throw notFound("no conversation " + conversationId + " in this organization");
        }
        return conversations.transcript(orgId, conversationId, cursor, size);
    }

    private static Search search(String q) {
        if (q != null && q.strip().length() > MAX_QUERY_LENGTH) {
            throw badRequest("q is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        return Search.of(q);
    }

    private static UUID contactId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw notFound("no contact " + raw + " in this organization");
        }
    }
}
