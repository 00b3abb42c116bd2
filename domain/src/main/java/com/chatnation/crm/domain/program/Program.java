package com.chatnation.crm.domain.program;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.Keywords;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A content program: its schedule and its items. Items go through this one aggregate, so "one item per place" is
 * the event stream's order rather than a unique index. Subscribers are not part of it ({@link ProgramSubscription}):
 * a program with 100,000 subscribers would otherwise be one stream every join and every delivery contends on.
 */
public class Program {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    /** Enough for a daily program of almost three years, and a bound on what loading the aggregate costs. */
    public static final int MAX_ITEMS = 1000;

    @AggregateIdentifier
    private String programId;
    private String organizationId;
    private boolean archived;
    /** Item id → item; a place is free when no item here holds it. */
    private final Map<String, ContentItem> items = new HashMap<>();

    protected Program() {
        // required by the event-sourcing repository
    }

    @CommandHandler
    public Program(CreateProgram command) {
        requireText(command.programId(), "program id");
        requireText(command.organizationId(), "organization id");
        if (command.name() == null || command.name().isBlank()
                || command.name().strip().length() > MAX_NAME_LENGTH) {
            throw new DomainRuleViolation("invalid_name", "a program's name is 1 to " + MAX_NAME_LENGTH + " characters");
        }
        String description = stripToNull(command.description());
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new DomainRuleViolation("invalid_description",
                    "a program's description takes at most " + MAX_DESCRIPTION_LENGTH + " characters, got "
                            + description.length());
        }
        if (command.schedule() == null) {
            throw new DomainRuleViolation("invalid_schedule", "a program needs a schedule");
        }
        String timeZone = timeZone(command.timeZone());
        String keyword = Keywords.require(command.joinKeyword());
        if (!ProgramCreated.FROM_BEGINNING.equals(command.startFrom())
                && !ProgramCreated.FROM_TODAY.equals(command.startFrom())) {
            throw new DomainRuleViolation("invalid_start", "new subscribers start from '"
                    + ProgramCreated.FROM_BEGINNING + "' or '" + ProgramCreated.FROM_TODAY + "', not " + command.startFrom());
        }
        String template = stripToNull(command.reengageTemplate());
        String language = stripToNull(command.reengageLanguage());
        if ((template == null) != (language == null)) {
            throw new DomainRuleViolation("invalid_template",
                    "a re-engagement template needs both its name and its language");
        }
        Instant created = command.requestedAt() == null ? Instant.now() : command.requestedAt();
        apply(new ProgramCreated(command.programId(), command.organizationId(), command.name().strip(), description,
                command.schedule(), timeZone, keyword, command.startFrom(), template, language, created));
    }

    @CommandHandler
    public void handle(AddContentItem command) {
        requireOwnedAndOpen(command.organizationId());
        ContentItem item = command.item();
        if (item == null) {
            throw new DomainRuleViolation("invalid_item", "no item given");
        }
        if (items.containsKey(item.itemId())) {
            throw new DomainRuleViolation("duplicate_item", "the program already has an item " + item.itemId());
        }
        if (items.size() >= MAX_ITEMS) {
            throw new DomainRuleViolation("too_many_items", "a program holds at most " + MAX_ITEMS + " items");
        }
        for (ContentItem other : items.values()) {
            if (samePlace(other, item)) {
                throw new DomainRuleViolation("duplicate_position", "item " + other.itemId() + " already goes out "
                        + (item.sequenceNumber() != null ? "as number " + item.sequenceNumber()
                        : "on " + item.scheduledOn()));
            }
        }
        apply(new ContentItemAdded(programId, organizationId, item, at(command.at())));
    }

    @CommandHandler
    public void handle(RemoveContentItem command) {
        requireOwnedAndOpen(command.organizationId());
        if (!items.containsKey(command.itemId())) {
            throw new DomainRuleViolation("unknown_item", "the program has no item " + command.itemId());
        }
        apply(new ContentItemRemoved(programId, organizationId, command.itemId(), at(command.at())));
    }

    @CommandHandler
    public void handle(ArchiveProgram command) {
        requireOwnedAndOpen(command.organizationId());
        apply(new ProgramArchived(programId, organizationId, at(command.at())));
    }

    /** Another organization's program is answered as if there were none; an archived one no longer changes. */
    private void requireOwnedAndOpen(String organization) {
        if (!Objects.equals(organizationId, organization)) {
            throw new DomainRuleViolation("not_found", "no program " + programId + " in this organization");
        }
        if (archived) {
            throw new DomainRuleViolation("program_archived", "program " + programId + " is archived");
        }
    }

    private static boolean samePlace(ContentItem one, ContentItem other) {
        return (one.sequenceNumber() != null && one.sequenceNumber().equals(other.sequenceNumber()))
                || (one.scheduledOn() != null && one.scheduledOn().equals(other.scheduledOn()));
    }

    private static String timeZone(String given) {
        if (given == null || given.isBlank()) {
            throw new DomainRuleViolation("invalid_time_zone", "a program needs a time zone");
        }
        try {
            return ZoneId.of(given.strip()).getId();
        } catch (DateTimeException unknown) {
            throw new DomainRuleViolation("invalid_time_zone", "unknown time zone " + given.strip());
        }
    }

    private static Instant at(Instant given) {
        return given == null ? Instant.now() : given;
    }

    private static String stripToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @EventSourcingHandler
    void on(ProgramCreated event) {
        programId = event.programId();
        organizationId = event.organizationId();
    }

    @EventSourcingHandler
    void on(ContentItemAdded event) {
        items.put(event.item().itemId(), event.item());
    }

    @EventSourcingHandler
    void on(ContentItemRemoved event) {
        items.remove(event.itemId());
    }

    @EventSourcingHandler
    void on(ProgramArchived event) {
        archived = true;
    }
}
