package com.chatnation.crm.application.privacy;

import com.chatnation.crm.application.platform.web.DashboardRequests;
import com.chatnation.crm.domain.organization.ChangeMessageRetention;
import com.chatnation.crm.domain.organization.Organization;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** A contact's data protection requests, and how long the organization keeps message texts. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}")
@Tag(name = "Data protection")
@SecurityRequirement(name = "bearer")
class PrivacyController {

    private final ContactErasure erasure;
    private final ContactExport export;
    private final CommandGateway commands;
    private final OrganizationDirectory organizations;
    private final MessageRetention retention;

    PrivacyController(ContactErasure erasure, ContactExport export, CommandGateway commands,
                      OrganizationDirectory organizations, MessageRetention retention) {
        this.erasure = erasure;
        this.export = export;
        this.commands = commands;
        this.organizations = organizations;
        this.retention = retention;
    }

    record ErasureRequest(String reason) {
    }

    record RetentionSetting(Integer days) {
    }

    @PostMapping("/contacts/{contactId}/erasure")
    @Operation(summary = "Erase a contact",
            description = "Destroys the contact's keys (their number, name, messages, answers and locations become "
                    + "unreadable in the event history, snapshots and the domain-event topic), deletes their contact, "
                    + "conversations, transcript and survey responses, blanks their number on tickets, and forgets "
                    + "the number: a later message from it starts a new contact. Counts in rollups and funnels stay. "
                    + "Cannot be undone.")
    ContactErasure.Erased erase(@PathVariable String orgId, @PathVariable String contactId,
                                @RequestBody(required = false) ErasureRequest request) {
        String reason = request == null || request.reason() == null || request.reason().isBlank()
                ? "request" : request.reason().strip();
        if (reason.length() > 200) {
            throw DashboardRequests.badRequest("reason: at most 200 characters");
        }
        return erasure.erase(orgId, contactId(contactId), reason);
    }

    @GetMapping("/contacts/{contactId}/export")
    @Operation(summary = "Everything held about a contact, as one JSON document (an access request)")
    ResponseEntity<JsonNode> export(@PathVariable String orgId, @PathVariable String contactId) {
        String id = contactId(contactId);
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"contact-" + id + ".json\"")
                .body(export.export(orgId, id));
    }

    @GetMapping("/settings/message-retention")
    @Operation(summary = "How many days message texts are kept (null: no limit)")
    RetentionSetting retention(@PathVariable String orgId) {
        return new RetentionSetting(organizations.messageRetentionDays(orgId).orElse(null));
    }

    @PutMapping("/settings/message-retention")
    @Operation(summary = "Set how many days message texts are kept",
            description = "Between " + Organization.MIN_RETENTION_DAYS + " and " + Organization.MAX_RETENTION_DAYS
                    + " days, or null for no limit. Older texts are blanked in the read tables at once and become "
                    + "unreadable in the event history when their whole month is past the limit.")
    RetentionSetting changeRetention(@PathVariable String orgId, @RequestBody RetentionSetting setting) {
        if (setting == null) {
            throw DashboardRequests.badRequest("days: a number of days, or null for no limit, is required");
        }
        commands.sendAndWait(new ChangeMessageRetention(orgId, setting.days()));
        if (setting.days() != null) {
            retention.apply(orgId, setting.days());
        }
        return setting;
    }

    private static String contactId(String raw) {
        try {
            return UUID.fromString(raw).toString();
        } catch (IllegalArgumentException notAnId) {
            throw DashboardRequests.badRequest("contactId: not a contact id");
        }
    }
}
