package com.chatnation.crm.application.organizations;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import com.chatnation.crm.application.staff.TeamManagement;
import com.chatnation.crm.domain.organization.ResumeOrganization;
import com.chatnation.crm.domain.organization.SuspendOrganization;
import com.chatnation.crm.domain.organization.TokenPrice;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.util.List;

/** The platform operator's view of organizations: onboarding, owner invitations, suspension. */
@RestController
@SecurityRequirement(name = "platformKey")
@RequestMapping("/admin/organizations")
@Tag(name = "Platform: organizations")
class OrganizationAdminController {

    private final OnboardingService onboarding;
    private final OrganizationDirectory directory;
    private final CommandGateway commands;

    public OrganizationAdminController(OnboardingService onboarding, OrganizationDirectory directory,
                                       CommandGateway commands) {
        this.onboarding = onboarding;
        this.directory = directory;
        this.commands = commands;
    }

    public record OrganizationView(String organizationId, String name, String phoneNumberId, long lowBalanceThreshold,
                                   List<TokenPrice> prices, Instant onboardedAt, String status) {
    }

    public record Suspension(@Size(max = 500) String reason) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Onboard an organization with its wallet and invite its first owner; the answer holds a "
            + "read-only API key and the owner's invitation token, each shown only once")
    public OnboardedOrganization onboard(@Valid @RequestBody OnboardingRequest request) {
        return onboarding.onboard(request);
    }

    @GetMapping("/{organizationId}")
    @Operation(summary = "An onboarded organization, without its keys")
    public OrganizationView get(@PathVariable String organizationId) {
        OrganizationRow row = require(organizationId);
        return new OrganizationView(row.id(), row.name(), row.phoneNumberId(), row.lowBalanceThreshold(),
                row.priceList().prices(), row.createdAt(), row.suspended() ? "suspended" : "active");
    }

    @PostMapping("/{organizationId}/owner-invitations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Invite another owner, for an organization whose owner never joined or has left")
    public OnboardedOrganization.OwnerInvitation inviteOwner(@PathVariable String organizationId,
                                                             @Valid @RequestBody OnboardingRequest.Owner owner) {
        require(organizationId);
        TeamManagement.Invitation invitation = onboarding.inviteOwner(organizationId, owner);
        return new OnboardedOrganization.OwnerInvitation(invitation.userId(), invitation.token(), invitation.expiresAt());
    }

    @PostMapping("/{organizationId}/suspension")
    @Operation(summary = "Suspend: the bot stops replying (replies wait) and the organization's staff and keys can "
            + "read but not change anything")
    public OrganizationView suspend(@PathVariable String organizationId, @Valid @RequestBody(required = false) Suspension suspension) {
        require(organizationId);
        commands.sendAndWait(new SuspendOrganization(organizationId, suspension == null ? null : suspension.reason()));
        return get(organizationId);
    }

    @DeleteMapping("/{organizationId}/suspension")
    @Operation(summary = "Resume a suspended organization: held replies go out in order")
    public OrganizationView resume(@PathVariable String organizationId) {
        require(organizationId);
        commands.sendAndWait(new ResumeOrganization(organizationId));
        return get(organizationId);
    }

    private OrganizationRow require(String organizationId) {
        return directory.byId(organizationId).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no organization " + organizationId));
    }
}
