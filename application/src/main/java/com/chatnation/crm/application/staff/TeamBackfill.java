package com.chatnation.crm.application.staff;

import com.chatnation.crm.domain.staff.FormTeam;
import com.chatnation.crm.domain.staff.TeamId;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.staff.StaffDirectory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Organizations onboarded before teams existed get theirs on start-up, with their onboarding API key as the
 * team's read key, so that key keeps working and can now be rotated or revoked. Their owner is invited by the
 * platform operator ({@code POST /admin/organizations/{id}/owner-invitations}).
 */
@Component
class TeamBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TeamBackfill.class);

    private final StaffDirectory staff;
    private final OrganizationDirectory organizations;
    private final CommandGateway commands;

    TeamBackfill(StaffDirectory staff, OrganizationDirectory organizations, CommandGateway commands) {
        this.staff = staff;
        this.organizations = organizations;
        this.commands = commands;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String organizationId : staff.organizationsWithoutTeam()) {
            try {
                String keyHash = organizations.byId(organizationId).map(row -> row.apiKeyHash()).orElse(null);
                commands.sendAndWait(new FormTeam(TeamId.forOrganization(organizationId), organizationId, keyHash));
                log.info("Formed the team of organization {}, onboarded before teams existed", organizationId);
            } catch (RuntimeException alreadyFormed) {
                // another instance starting at the same time formed it first
                log.debug("team of {} not formed here: {}", organizationId, alreadyFormed.getMessage());
            }
        }
    }
}
