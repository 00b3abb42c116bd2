package com.chatnation.crm.application.ticketing;

import com.chatnation.crm.application.platform.pages.CsvDownload;
import com.chatnation.crm.application.platform.web.KnownOrganizations;
import com.chatnation.crm.projections.queries.EventFunnelQueries;
import com.chatnation.crm.projections.queries.EventFunnelQueries.EventFunnel;
import com.chatnation.crm.projections.queries.EventFunnelQueries.FunnelRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** An event's funnel, registered → reserved → paid → checked in, as JSON or CSV (see {@link EventFunnelQueries}). */
@RestController
@SecurityRequirement(name = "bearer")
@RequestMapping("/api/v1/orgs/{orgId}/events/{eventId}/funnel")
@Tag(name = "Events and tickets")
class EventFunnelController {

    /** The event's own row first ({@code ticket_type_id} empty), then one per ticket type. */
    static final CsvDownload<FunnelRow> CSV = CsvDownload.of(
            List.of("ticket_type_id", "ticket_type", "registered", "reserved", "paid", "checked_in",
                    "registered_to_reserved", "reserved_to_paid", "paid_to_checked_in"),
            List.<Function<FunnelRow, Object>>of(FunnelRow::ticketTypeId, row -> row.ticketTypeId() == null
                            ? "All ticket types" : row.name(), FunnelRow::registered, FunnelRow::reserved,
                    FunnelRow::paid, FunnelRow::checkedIn, FunnelRow::reservedConversion, FunnelRow::paidConversion,
                    FunnelRow::checkedInConversion));

    private final EventFunnelQueries funnels;
    private final KnownOrganizations organizations;

    EventFunnelController(EventFunnelQueries funnels, KnownOrganizations organizations) {
        this.funnels = funnels;
        this.organizations = organizations;
    }

    @GetMapping
    @Operation(summary = "The event's funnel: distinct contacts registered, reserved, paid and checked in, with the "
            + "conversion from each step to the next, for the whole event and per ticket type; CSV with ?format=csv "
            + "or Accept: text/csv")
    public EventFunnel funnel(@PathVariable("orgId") String organizationId, @PathVariable String eventId,
                              @RequestParam(required = false) String format,
                              @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                              HttpServletResponse response) {
        organizations.require(organizationId);
        EventFunnel funnel = funnels.funnel(organizationId, eventId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no event " + eventId));
        if ("csv".equals(format) || format == null && wantsCsv(accept)) {
            CSV.write(response, "event-" + eventId + "-funnel.csv", rows(funnel));
            return null;
        }
        return funnel;
    }

    static List<FunnelRow> rows(EventFunnel funnel) {
        List<FunnelRow> rows = new ArrayList<>();
        rows.add(funnel.event());
        rows.addAll(funnel.ticketTypes());
        return rows;
    }

    /** CSV when the client asks for it before (or instead of) JSON. */
    private static boolean wantsCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            List<MediaType> types = new ArrayList<>(MediaType.parseMediaTypes(accept));
            // highest quality first; of equal quality, the order the client wrote them in
            types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
            for (MediaType type : types) {
                if ("text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
                    return true;
                }
                if (!type.isWildcardType() && !type.isWildcardSubtype()
                        && type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                    return false;
                }
            }
        } catch (RuntimeException unreadable) {
            return false;
        }
        return false;
    }
}
