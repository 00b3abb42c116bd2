package com.chatnation.crm.application.ticketing;

import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.web.KnownOrganizations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

@RestController
@SecurityRequirement(name = "bearer")
@RequestMapping("/api/v1/orgs/{orgId}/events/{eventId}/check-ins")
@Tag(name = "Events and tickets")
class CheckInController {

    private final CheckIns checkIns;
    private final KnownOrganizations organizations;

    CheckInController(CheckIns checkIns, KnownOrganizations organizations) {
        this.checkIns = checkIns;
        this.organizations = organizations;
    }

    /**
     * {@code pass}: the text of the ticket's QR code as a scanner reads it; {@code code}: the ticket code typed from the
     * holder's screen instead. {@code gate}: the entrance, 1 to 40 characters (checked by the admission, 422
     * {@code invalid_gate}).
     */
    record CheckInRequest(@Size(max = 200) String pass, @Size(max = 64) String code, @Size(max = 200) String gate) {
    }

    record CheckedIn(boolean admitted, String ticketCode, String ticketTypeId, Instant at, String gate) {
    }

    @PostMapping
    @Operation(summary = "Let a ticket holder in: 200 once per ticket; then 409 already_checked_in with firstAt and "
            + "firstGate. 422 forged_pass for a pass this service did not sign, 404 unknown_ticket, 409 wrong_event, 409 "
            + "cancelled_ticket for a ticket the organizer cancelled")
    public CheckedIn checkIn(@PathVariable("orgId") String organizationId, @PathVariable String eventId,
                             @Valid @RequestBody CheckInRequest request, @AuthenticationPrincipal CrmPrincipal caller) {
        organizations.require(organizationId);
        String presented = request.pass() != null && !request.pass().isBlank() ? request.pass() : request.code();
        CheckIns.Admitted admitted = checkIns.admit(organizationId, eventId, presented, request.gate(), caller.id());
        return new CheckedIn(true, admitted.ticketCode(), admitted.ticketTypeId(), admitted.at(), admitted.gate());
    }

    @GetMapping
    @Operation(summary = "Live counts at the gates: tickets issued and checked in, per ticket type and in all")
    public CheckIns.Counts counts(@PathVariable("orgId") String organizationId, @PathVariable String eventId) {
        organizations.require(organizationId);
        return checkIns.counts(organizationId, eventId);
    }
}
