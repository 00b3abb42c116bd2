package com.chatnation.crm.application.privacy;

import com.chatnation.crm.application.platform.web.DashboardRequests;
import com.chatnation.crm.domain.organization.ChangeUtilityToOptedOut;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Whether utility and authentication template messages still go to the organization's contacts who opted out of
 * marketing. Marketing messages never go to them; this decides only the messages a contact asked for.
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/settings/utility-to-opted-out")
@Tag(name = "Data protection")
@SecurityRequirement(name = "bearer")
class UtilityToOptedOutController {

    private final CommandGateway commands;
    private final OrganizationDirectory organizations;

    UtilityToOptedOutController(CommandGateway commands, OrganizationDirectory organizations) {
        this.commands = commands;
        this.organizations = organizations;
    }

    record UtilityToOptedOutSetting(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean send) {
    }

    @GetMapping
    @Operation(summary = "Whether utility and authentication templates go to contacts who opted out of marketing "
            + "(true unless the organization turned it off)")
    UtilityToOptedOutSetting setting(@PathVariable String orgId) {
        return new UtilityToOptedOutSetting(organizations.utilityToOptedOut(orgId));
    }

    /*
     * The body is read as a tree, not bound to the record: Jackson would turn "true", 1 or a missing field into a
     * boolean, and a setting that decides who gets messages must be said in so many words.
     */
    @PutMapping
    @Operation(summary = "Set whether utility and authentication templates go to contacts who opted out of marketing",
            description = "true (the default): a marketing opt-out stops marketing templates only, and utility "
                    + "and authentication templates (a ticket, a reminder, a code) still reach the contact. false: "
                    + "contacts who opted out get no template messages at all. `send` must be a JSON boolean.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = UtilityToOptedOutSetting.class))))
    UtilityToOptedOutSetting change(@PathVariable String orgId, @RequestBody JsonNode body) {
        JsonNode send = body == null ? null : body.get("send");
        if (send == null || !send.isBoolean()) {
            throw DashboardRequests.badRequest("send: true or false is required");
        }
        commands.sendAndWait(new ChangeUtilityToOptedOut(orgId, send.booleanValue()));
        return new UtilityToOptedOutSetting(send.booleanValue());
    }
}
