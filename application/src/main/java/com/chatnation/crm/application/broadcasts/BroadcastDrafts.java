package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.contacts.AudienceDefinitions;
import com.chatnation.crm.application.platform.web.RefusedRequest;
import com.chatnation.crm.domain.broadcast.BroadcastTemplate;
import com.chatnation.crm.domain.broadcast.CancelBroadcast;
import com.chatnation.crm.domain.broadcast.CreateBroadcast;
import com.chatnation.crm.domain.broadcast.ScheduleBroadcast;
import com.chatnation.crm.domain.common.Ids;
import com.chatnation.crm.projections.queries.TemplateQueries;
import com.chatnation.crm.projections.queries.TemplateQueries.TemplateRow;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A broadcast before it sends: drafted against an approved template and a saved audience of the organization,
 * scheduled for a later time, or cancelled. What the organization names is checked here against its read tables
 * (the template approved now, the audience saved); the broadcast's own rules are the aggregate's.
 */
@Service
class BroadcastDrafts {

    private final CommandGateway commands;
    private final TemplateQueries templates;
    private final AudienceDefinitions audiences;
    private final Clock clock = Clock.systemUTC();

    BroadcastDrafts(CommandGateway commands, TemplateQueries templates, AudienceDefinitions audiences) {
        this.commands = commands;
        this.templates = templates;
        this.audiences = audiences;
    }

    static final class Refused extends RefusedRequest {
        Refused(HttpStatus status, String code, String message) {
            super(status, code, message);
        }
    }

    String draft(String organizationId, String name, String templateId, String audienceId, String callbackData) {
        TemplateRow template = templates.template(organizationId, templateId)
                .filter(row -> row.deletedAt() == null)
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "not_found",
                        "no template " + templateId + " in this organization"));
        if (!"APPROVED".equals(template.status())) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "template_not_approved", "template " + template.name()
                    + " (" + template.language() + ") is " + template.status() + ": only an approved template is sent");
        }
        UUID audience;
        try {
            audience = UUID.fromString(audienceId == null ? "" : audienceId);
        } catch (IllegalArgumentException notAnId) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid_request", "audienceId: not an audience id");
        }
        if (!audiences.exists(organizationId, audience)) {
            throw new Refused(HttpStatus.NOT_FOUND, "not_found", "no audience " + audienceId + " in this organization");
        }
        String broadcastId = Ids.newId();
        commands.sendAndWait(new CreateBroadcast(broadcastId, organizationId, name,
                new BroadcastTemplate(template.name(), template.language(), template.category()), audience.toString(),
                callbackData));
        return broadcastId;
    }

    /** The aggregate refuses another organization's broadcast as not found, and an unknown id is not found. */
    void schedule(String organizationId, String broadcastId, Instant sendAt) {
        commands.sendAndWait(new ScheduleBroadcast(broadcastId, organizationId, sendAt, clock.instant()));
    }

    void cancel(String organizationId, String broadcastId, String reason) {
        commands.sendAndWait(new CancelBroadcast(broadcastId, organizationId, reason));
    }
}
