package com.chatnation.crm.application.templates;

import com.chatnation.crm.domain.organization.ChangeWhatsAppAccount;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The organization's WhatsApp Business Account id, under which its templates are created and listed. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/settings/whatsapp-account")
@Tag(name = "Message templates")
@SecurityRequirement(name = "bearer")
class WhatsAppAccountController {

    private final CommandGateway commands;
    private final OrganizationDirectory organizations;

    WhatsAppAccountController(CommandGateway commands, OrganizationDirectory organizations) {
        this.commands = commands;
        this.organizations = organizations;
    }

    record AccountSetting(String whatsAppBusinessAccountId) {
    }

    @GetMapping
    @Operation(summary = "The WhatsApp Business Account id (null until named)")
    AccountSetting get(@PathVariable String orgId) {
        return new AccountSetting(organizations.whatsAppAccountId(orgId).orElse(null));
    }

    @PutMapping
    @Operation(summary = "Name the WhatsApp Business Account (numeric id from Meta; one organization per account)")
    AccountSetting put(@PathVariable String orgId, @RequestBody(required = false) AccountSetting setting) {
        commands.sendAndWait(new ChangeWhatsAppAccount(orgId, setting == null ? null : setting.whatsAppBusinessAccountId()));
        return new AccountSetting(organizations.whatsAppAccountId(orgId).orElse(null));
    }
}
