package com.chatnation.crm.application.programs;

import com.chatnation.crm.application.media.MediaStore;
import com.chatnation.crm.application.platform.privacy.ContactDirectory;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.Keywords;
import com.chatnation.crm.domain.conversation.BotWords;
import com.chatnation.crm.domain.conversation.ConversationId;
import com.chatnation.crm.domain.conversation.PollCatalog;
import com.chatnation.crm.domain.program.AddContentItem;
import com.chatnation.crm.domain.program.ArchiveProgram;
import com.chatnation.crm.domain.program.ContentItem;
import com.chatnation.crm.domain.program.CreateProgram;
import com.chatnation.crm.domain.program.ProgramSubscription;
import com.chatnation.crm.domain.program.RemoveContentItem;
import com.chatnation.crm.domain.program.SubscribeToProgram;
import com.chatnation.crm.domain.program.SubscribedToProgram;
import com.chatnation.crm.domain.program.SubscriptionOutcome;
import com.chatnation.crm.domain.program.UnsubscribeFromProgram;
import com.chatnation.crm.domain.program.UnsubscribedFromProgram;
import com.chatnation.crm.projections.queries.AudienceQueries;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Creating programs, their items and their media, archiving them, and subscribing and unsubscribing contacts, for the
 * API and the dashboard alike. Whether a program exists, and in which organization, is read from the command side's
 * program catalog, which the program's events keep in their own transaction, so a program is found the moment it
 * is created.
 */
@Service
class Programs {

    /** An item's image: WhatsApp takes images of up to 5 MB. */
    static final int MAX_IMAGE = 5 * 1024 * 1024;
    /** Subscribed in the request, one command each: a larger list is an import in parts. */
    static final int MAX_SUBSCRIBERS = 1000;

    private static final Logger log = LoggerFactory.getLogger(Programs.class);

    private final CommandGateway commands;
    private final JdbcProgramCatalog catalog;
    private final ProgramStarts starts;
    private final JdbcTemplate jdbc;
    private final MediaStore media;
    private final PollCatalog polls;
    private final ContactDirectory contacts;
    private final AudienceQueries consent;

    Programs(CommandGateway commands, JdbcProgramCatalog catalog, ProgramStarts starts, JdbcTemplate jdbc,
             MediaStore media, PollCatalog polls, ContactDirectory contacts, AudienceQueries consent) {
        this.commands = commands;
        this.catalog = catalog;
        this.starts = starts;
        this.jdbc = jdbc;
        this.media = media;
        this.polls = polls;
        this.contacts = contacts;
        this.consent = consent;
    }

    /** What a subscribe request did: new or returning subscribers, those already in, those left out (opted out). */
    record Subscribed(int subscribed, int alreadySubscribed, int optedOut) {
    }

    /** Creates the program and answers its id; refuses a keyword the bot or another live program answers to. */
    String create(String organizationId, ProgramRequest request) {
        String keyword = Keywords.require(request.joinKeyword());
        if (BotWords.isReserved(keyword)) {
            throw ProgramRefusal.conflict("keyword_reserved", "the bot answers '" + keyword + "' itself (menu, cancel, "
                    + "tickets); choose another keyword");
        }
        if (catalog.keywordTaken(organizationId, keyword)) {
            throw ProgramRefusal.conflict("keyword_taken", "another live program's keyword is '" + keyword
                    + "'; archive it or choose another keyword");
        }
        String programId = UUID.randomUUID().toString();
        send(new CreateProgram(programId, organizationId, request.name(), request.description(),
                request.schedule().toSchedule(), request.zone(), keyword, request.start(), request.reengageTemplate(),
                request.reengageLanguage(), Instant.now()));
        return programId;
    }

    /** Adds the item and answers its id. */
    String addItem(String organizationId, String programId, ItemRequest request) {
        requireLive(organizationId, programId);
        String type = request.contentType() == null ? null : request.contentType().strip().toLowerCase(Locale.ROOT);
        if (ContentItem.AUDIO.equals(type) || ContentItem.VIDEO.equals(type)) {
            throw ProgramRefusal.unprocessable("not_supported", "audio and video items are not supported yet: a "
                    + "program sends text, images and polls");
        }
        String mediaKey = blankToNull(request.mediaKey());
        if (ContentItem.IMAGE.equals(type) && mediaKey != null
                && (!mediaKey.startsWith(organizationId + "/") || !media.has(mediaKey))) {
            throw ProgramRefusal.unprocessable("unknown_media", "no uploaded image " + mediaKey
                    + ": upload it to …/programs/" + programId + "/media first");
        }
        String pollId = blankToNull(request.pollId());
        if (ContentItem.POLL.equals(type) && pollId != null && polls.poll(organizationId, pollId).isEmpty()) {
            throw ProgramRefusal.unprocessable("unknown_poll", "no poll " + pollId + " in this organization");
        }
        String itemId = UUID.randomUUID().toString();
        ContentItem item = new ContentItem(itemId, type, request.body(), mediaKey, pollId, request.sequenceNumber(),
                request.scheduledOn());
        send(new AddContentItem(programId, organizationId, item, Instant.now()));
        return itemId;
    }

    void removeItem(String organizationId, String programId, String itemId) {
        requireLive(organizationId, programId);
        send(new RemoveContentItem(programId, organizationId, itemId, Instant.now()));
    }

    /**
     * Archives the program and ends its subscriptions ({@code program_archived}): each is a stream of its own, so
     * they are ended one by one after the program. Answers how many were ended.
     */
    int archive(String organizationId, String programId) {
        requireLive(organizationId, programId);
        Instant now = Instant.now();
        send(new ArchiveProgram(programId, organizationId, now));
        int ended = 0;
        for (String subscriptionId : jdbc.queryForList(
                "SELECT subscription_id FROM program_roster WHERE program_id = ? AND active ORDER BY subscription_id",
                String.class, programId)) {
            try {
                if (Boolean.TRUE.equals(commands.sendAndWait(new UnsubscribeFromProgram(subscriptionId,
                        organizationId, UnsubscribedFromProgram.PROGRAM_ARCHIVED, now)))) {
                    ended++;
                }
            } catch (RuntimeException e) {
                // the program sends nothing more either way; the rest are still ended
                log.warn("Program {}: subscription {} not ended on archiving", programId, subscriptionId, e);
            }
        }
        return ended;
    }

    /** Keeps a PNG or JPEG image for the program's items; answers its media key. */
    String keepImage(String organizationId, String programId, byte[] bytes) {
        requireLive(organizationId, programId);
        if (bytes.length > MAX_IMAGE) {
            throw ProgramRefusal.tooLarge("image_too_large", "an image takes at most 5 MB");
        }
        try {
            if (bytes.length == 0 || ImageIO.read(new ByteArrayInputStream(bytes)) == null) {
                throw ProgramRefusal.unprocessable("unreadable_image", "the body is not a PNG or JPEG image");
            }
        } catch (IOException unreadable) {
            throw ProgramRefusal.unprocessable("unreadable_image", "the body is not a PNG or JPEG image");
        }
        return media.keep(organizationId, bytes);
    }

    /**
     * Subscribes the organization's contacts: one is subscribed by someone of the organization ({@code agent}),
     * several are an import. Contacts who opted out of marketing are left out; an id the organization does not know
     * refuses the whole request before anyone is subscribed.
     */
    Subscribed subscribe(String organizationId, String programId, List<String> contactIds) {
        requireLive(organizationId, programId);
        Set<String> ids = new LinkedHashSet<>();
        contactIds.forEach(id -> ids.add(id.strip()));
        if (ids.isEmpty() || ids.size() > MAX_SUBSCRIBERS) {
            throw ProgramRefusal.unprocessable("invalid_contacts", "subscribe 1 to " + MAX_SUBSCRIBERS
                    + " contacts at a time, not " + ids.size());
        }
        List<String> unknown = ids.stream().filter(id -> !contacts.knows(organizationId, id)).limit(10).toList();
        if (!unknown.isEmpty()) {
            throw ProgramRefusal.unprocessable("unknown_contacts", "no contact " + String.join(", ", unknown)
                    + " in this organization; nobody was subscribed");
        }
        Map<UUID, Boolean> consents = consent.marketingConsent(ids.stream().map(UUID::fromString).toList());
        String source = ids.size() == 1 ? SubscribedToProgram.AGENT : SubscribedToProgram.IMPORT;
        Instant now = Instant.now();
        int after = starts.startAfter(programId, now);
        int subscribed = 0;
        int already = 0;
        int optedOut = 0;
        for (String contactId : ids) {
            if (Boolean.FALSE.equals(consents.get(UUID.fromString(contactId)))) {
                optedOut++;
                continue;
            }
            SubscriptionOutcome outcome = send(new SubscribeToProgram(ProgramSubscription.idOf(programId, contactId),
                    programId, organizationId, contactId, ConversationId.of(organizationId, contactId), source, after,
                    now));
            if (outcome == SubscriptionOutcome.ALREADY_SUBSCRIBED) {
                already++;
            } else {
                subscribed++;
            }
        }
        return new Subscribed(subscribed, already, optedOut);
    }

    /** Ends the contact's subscription; one that has ended already stays ended. */
    void unsubscribe(String organizationId, String programId, String contactId) {
        requireKnown(organizationId, programId);
        try {
            commands.sendAndWait(new UnsubscribeFromProgram(ProgramSubscription.idOf(programId, contactId),
                    organizationId, UnsubscribedFromProgram.AGENT, Instant.now()));
        } catch (AggregateNotFoundException never) {
            throw ProgramRefusal.notFound("not_subscribed", "contact " + contactId + " never subscribed to program "
                    + programId);
        }
    }

    /** Whether the organization has the program (live or archived); false for another organization's. */
    boolean exists(String organizationId, String programId) {
        return !archivedFlags(organizationId, programId).isEmpty();
    }

    private void requireKnown(String organizationId, String programId) {
        if (!exists(organizationId, programId)) {
            throw ProgramRefusal.notFound(programId);
        }
    }

    private void requireLive(String organizationId, String programId) {
        List<Boolean> archived = archivedFlags(organizationId, programId);
        if (archived.isEmpty()) {
            throw ProgramRefusal.notFound(programId);
        }
        if (archived.get(0)) {
            throw ProgramRefusal.conflict("program_archived", "program " + programId + " is archived");
        }
    }

    private List<Boolean> archivedFlags(String organizationId, String programId) {
        return programId == null || programId.length() > 64 ? List.of() : jdbc.queryForList(
                "SELECT archived FROM program_catalog WHERE program_id = ? AND organization_id = ?", Boolean.class,
                programId, organizationId);
    }

    /** Sends the command; the program's refusals that are conflicts or unknown items get their own status. */
    private <R> R send(Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (RuntimeException failure) {
            DomainRuleViolation violation = violation(failure);
            if (violation == null) {
                throw failure;
            }
            switch (violation.code()) {
                case "program_archived", "duplicate_position", "duplicate_item" ->
                        throw ProgramRefusal.conflict(violation.code(), violation.getMessage());
                case "unknown_item" -> throw ProgramRefusal.notFound(violation.code(), violation.getMessage());
                default -> throw violation;
            }
        }
    }

    /** The rule a command broke, whether its handler refused it directly or Axon wrapped the refusal. */
    static DomainRuleViolation violation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainRuleViolation violation) {
                return violation;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
