package com.chatnation.crm.application.organizations;

import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/admin/organizations")
@Tag(name = "Admin: organizations")
public class OrganizationAdminController {

    private final OnboardingService onboarding;
    private final OrganizationDirectory directory;

    public OrganizationAdminController(OnboardingService onboarding, OrganizationDirectory directory) {
        this.onboarding = onboarding;
        this.directory = directory;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Onboard an organization and open its wallet; the answer holds its API key, shown only once")
    public OnboardedOrganization onboard(@Valid @RequestBody OnboardingRequest request) {
        return onboarding.onboard(request);
    }

    @GetMapping("/{organizationId}")
    @Operation(summary = "An onboarded organization, without its API key")
    public OrganizationView get(@PathVariable String organizationId) {
        OrganizationRow row = directory.byId(organizationId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "no organization " + organizationId));
        return new OrganizationView(row.id(), row.name(), row.phoneNumberId(), row.lowBalanceThreshold(),
                row.priceList().prices(), row.createdAt());
    }

    public record OrganizationView(String organizationId, String name, String phoneNumberId, long lowBalanceThreshold,
                                   java.util.List<com.chatnation.crm.domain.organization.TokenPrice> prices,
                                   java.time.Instant onboardedAt) {
    }
}
