package com.chatnation.crm.application.conversations.ingestion;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.regex.Pattern;

import static com.chatnation.crm.application.platform.web.DashboardRequests.badRequest;
import static com.chatnation.crm.application.platform.web.DashboardRequests.limit;
import static com.chatnation.crm.application.platform.web.DashboardRequests.notFound;

/** The platform operator's view of the webhook quarantine: what deliveries held that could never be processed. */
@RestController
@RequestMapping("/admin/quarantine")
@Tag(name = "Platform: webhook quarantine")
@SecurityRequirement(name = "platformKey")
class QuarantineController {

    private static final Pattern REASON = Pattern.compile("[a-z_]{1,64}");
    private static final Pattern ORGANIZATION = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /** A page of quarantined items, newest first; {@code nextCursor} is null on the last page. */
    record QuarantinePage(List<WebhookQuarantine.Entry> items, String nextCursor) {
    }

    private final WebhookQuarantine quarantine;

    QuarantineController(WebhookQuarantine quarantine) {
        this.quarantine = quarantine;
    }

    @GetMapping
    @Operation(summary = "Quarantined webhook items, newest first",
            description = "Each item has its reason (missing_message_id, invalid_message_id, invalid_from, "
                    + "missing_from, missing_status_id, invalid_status_id, invalid_status, invalid_recipient_id, "
                    + "missing_phone_number_id, invalid_phone_number_id, not_an_object, not_a_notification), the "
                    + "organization when its number routed to one, and the raw JSON as received (non-ASCII escaped). "
                    + "Keyset paginated: pass nextCursor back as after.")
    public QuarantinePage list(@Parameter(description = "organization id") @RequestParam(required = false) String organizationId,
                               @Parameter(description = "reason code") @RequestParam(required = false) String reason,
                               @Parameter(description = "page size, 1 to 200, default 50") @RequestParam(required = false) String limit,
                               @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String after) {
        String organization = matching("organizationId", organizationId, ORGANIZATION);
        String code = matching("reason", reason, REASON);
        int size = limit(limit);
        List<WebhookQuarantine.Entry> items = quarantine.list(organization, code, cursor(after), size + 1);
        if (items.size() <= size) {
            return new QuarantinePage(items, null);
        }
        List<WebhookQuarantine.Entry> page = items.subList(0, size);
        return new QuarantinePage(List.copyOf(page), String.valueOf(page.get(size - 1).id()));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Discard one quarantined item (once looked at)")
    public ResponseEntity<Void> discard(@PathVariable String id) {
        long number = cursorValue("id", id);
        if (!quarantine.discard(number)) {
            throw notFound("no quarantined item " + number);
        }
        return ResponseEntity.noContent().build();
    }

    private static String matching(String name, String raw, Pattern pattern) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (!pattern.matcher(value).matches()) {
            throw badRequest(name + " must match " + pattern.pattern());
        }
        return value;
    }

    private static Long cursor(String raw) {
        return raw == null || raw.isBlank() ? null : cursorValue("after", raw);
    }

    private static long cursorValue(String name, String raw) {
        String value = raw.strip();
        if (!value.matches("[0-9]{1,18}")) {
            throw badRequest(name + " must be a quarantine item id (a positive whole number)");
        }
        return Long.parseLong(value);
    }
}
