package com.chatnation.crm.application.programs;

import com.chatnation.crm.application.platform.web.DashboardRequests;
import com.chatnation.crm.application.platform.web.KnownOrganizations;
import com.chatnation.crm.projections.queries.Page;
import com.chatnation.crm.projections.queries.ProgramQueries;
import com.chatnation.crm.projections.queries.ProgramQueries.Analytics;
import com.chatnation.crm.projections.queries.ProgramQueries.ProgramDetail;
import com.chatnation.crm.projections.queries.ProgramQueries.ProgramRow;
import com.chatnation.crm.projections.queries.ProgramQueries.SubscriberRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * An organization's content programs (a daily devotional, a weekly newsletter): created with their schedule and join
 * keyword, filled with items, archived; their subscribers, added and removed by the organization; and their
 * analytics. Another organization's program is answered as if there were none.
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/programs")
@Tag(name = "Programs")
@SecurityRequirement(name = "bearer")
class ProgramsController {

    /** The longest analytics period: a year of days. */
    static final int MAX_DAYS = 366;

    private final Programs programs;
    private final ProgramQueries queries;
    private final KnownOrganizations organizations;

    ProgramsController(Programs programs, ProgramQueries queries, KnownOrganizations organizations) {
        this.programs = programs;
        this.queries = queries;
        this.organizations = organizations;
    }

    record Created(String programId) {
    }

    record ItemCreated(String itemId) {
    }

    record Kept(String mediaKey) {
    }

    record SubscribersRequest(@NotNull @Size(min = 1, max = Programs.MAX_SUBSCRIBERS)
                              List<@NotBlank @Size(max = 64) String> contactIds) {
    }

    @GetMapping
    @Operation(summary = "The organization's programs, newest first, each with its schedule, subscribers and items")
    Page<ProgramRow> list(@PathVariable String orgId, @RequestParam(required = false) String limit,
                          @RequestParam(required = false) String after) {
        return queries.programs(orgId, DashboardRequests.after(after), DashboardRequests.limit(limit));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a program: a name, a daily or weekly schedule in a time zone, and a join keyword",
            description = "schedule: {frequency: daily|weekly, at: \"HH:mm\", day: sunday… (weekly only)}; timeZone "
                    + "defaults to Africa/Nairobi; startFrom: beginning (the default) or today; reengageTemplate and "
                    + "reengageLanguage (both or neither) name the approved template sent when a subscriber's "
                    + "24-hour window has closed. 409 when the keyword is one the bot answers itself or another live "
                    + "program's; 422 naming the rule a program breaks (invalid_schedule, invalid_time_zone, …).")
    Created create(@PathVariable String orgId, @Valid @RequestBody ProgramRequest request) {
        organizations.require(orgId);
        return new Created(programs.create(orgId, request));
    }

    @GetMapping("/{programId}")
    @Operation(summary = "One program with its items in the order they go out (the series, then the dated ones)")
    ProgramDetail one(@PathVariable String orgId, @PathVariable String programId) {
        return queries.detail(orgId, programId).orElseThrow(() -> ProgramRefusal.notFound(programId));
    }

    @PostMapping("/{programId}/items")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an item: text, an uploaded image, or a poll, as a number of the series or on a date",
            description = "Audio and video are not supported yet (422 not_supported). 409 when another item holds "
                    + "the place or the program is archived; 422 naming the rule an item breaks.")
    ItemCreated addItem(@PathVariable String orgId, @PathVariable String programId,
                        @Valid @RequestBody ItemRequest request) {
        return new ItemCreated(programs.addItem(orgId, programId, request));
    }

    @DeleteMapping("/{programId}/items/{itemId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an item: it is no longer sent, and its place is free for another")
    void removeItem(@PathVariable String orgId, @PathVariable String programId, @PathVariable String itemId) {
        programs.removeItem(orgId, programId, itemId);
    }

    @PostMapping("/{programId}/archive")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Archive a program: nothing more is sent, its subscriptions end and its keyword is free")
    void archive(@PathVariable String orgId, @PathVariable String programId) {
        programs.archive(orgId, programId);
    }

    @PostMapping(value = "/{programId}/media", consumes = {MediaType.IMAGE_PNG_VALUE, MediaType.IMAGE_JPEG_VALUE})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Upload an image for the program's items (PNG or JPEG as the body, up to 5 MB); answers its key")
    Kept media(@PathVariable String orgId, @PathVariable String programId, InputStream body) throws IOException {
        return new Kept(programs.keepImage(orgId, programId, body.readNBytes(Programs.MAX_IMAGE + 1)));
    }

    @GetMapping("/{programId}/subscribers")
    @Operation(summary = "The program's subscribers, newest first; status=active or unsubscribed keeps only those")
    Page<SubscriberRow> subscribers(@PathVariable String orgId, @PathVariable String programId,
                                    @RequestParam(required = false) String status,
                                    @RequestParam(required = false) String limit,
                                    @RequestParam(required = false) String after) {
        if (status != null && !"active".equals(status) && !"unsubscribed".equals(status)) {
            throw DashboardRequests.badRequest("status is active or unsubscribed, was '" + status + "'");
        }
        int size = DashboardRequests.limit(limit);
        var cursor = DashboardRequests.after(after);
        if (queries.program(orgId, programId).isEmpty()) {
            throw ProgramRefusal.notFound(programId);
        }
        return queries.subscribers(orgId, programId, status, cursor, size);
    }

    @PostMapping("/{programId}/subscribers")
    @Operation(summary = "Subscribe up to 1,000 of the organization's contacts (one: by an agent; several: an import)",
            description = "Contacts who opted out of marketing are left out and counted. 422 unknown_contacts when an "
                    + "id is not one of the organization's contacts (nobody is subscribed then); 409 when the program "
                    + "is archived.")
    Programs.Subscribed subscribe(@PathVariable String orgId, @PathVariable String programId,
                                  @Valid @RequestBody SubscribersRequest request) {
        return programs.subscribe(orgId, programId, request.contactIds());
    }

    @DeleteMapping("/{programId}/subscribers/{contactId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End a contact's subscription; 404 when the contact never subscribed")
    void unsubscribe(@PathVariable String orgId, @PathVariable String programId, @PathVariable String contactId) {
        programs.unsubscribe(orgId, programId, contactId);
    }

    @GetMapping("/{programId}/analytics")
    @Operation(summary = "Subscribers per day, churn and each item's deliveries",
            description = "days (default 30, up to 366) of the program's time zone up to today: joined, left and "
                    + "subscribed at the end of each day; churn: of those who joined in those days, how many left "
                    + "within churnDays (default 7) days; items: sent, delivered, read, failed, the delivery rate "
                    + "(delivered of sent) and the read rate (read of delivered), removed items included.")
    Analytics analytics(@PathVariable String orgId, @PathVariable String programId,
                        @RequestParam(required = false) String days,
                        @RequestParam(required = false) String churnDays) {
        int period = whole("days", days, 30);
        int within = whole("churnDays", churnDays, 7);
        return queries.analytics(orgId, programId, period, within, Instant.now())
                .orElseThrow(() -> ProgramRefusal.notFound(programId));
    }

    /** A number of days from 1 to {@link #MAX_DAYS}, or the default when not given. */
    static int whole(String name, String raw, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= 1 && value <= MAX_DAYS) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw DashboardRequests.badRequest(name + " must be a whole number from 1 to " + MAX_DAYS + ", was '" + raw
                + "'");
    }
}
