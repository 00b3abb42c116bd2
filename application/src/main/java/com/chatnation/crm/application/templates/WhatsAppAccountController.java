package com.chatnation.crm.application.templates;

import com.chatnation.crm.domain.organization.ChangeWhatsAppAccount;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
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
        String account = setting == null ? null : setting.whatsAppBusinessAccountId();
        // the unique index in the command's transaction is the guarantee; this gives the clear answer
        organizations.byWhatsAppAccountId(account == null ? "" : account).filter(owner -> !owner.equals(orgId))
                .ifPresent(owner -> {
                    throw new TemplateRefusal(HttpStatus.CONFLICT, "whatsapp_account_taken",
                            "another organization has named WhatsApp Business Account " + account);
                });
        commands.sendAndWait(new ChangeWhatsAppAccount(orgId, account));
        return new AccountSetting(organizations.whatsAppAccountId(orgId).orElse(null));
    }
}
