package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.contacts.AudienceDefinitions;
import com.chatnation.crm.application.platform.web.RefusedRequest;
import com.chatnation.crm.domain.broadcast.BroadcastHeader;
import com.chatnation.crm.domain.broadcast.BroadcastTemplate;
import com.chatnation.crm.domain.broadcast.CancelBroadcast;
import com.chatnation.crm.domain.broadcast.CreateBroadcast;
import com.chatnation.crm.domain.broadcast.ParameterBinding;
import com.chatnation.crm.domain.broadcast.ScheduleBroadcast;
import com.chatnation.crm.domain.common.Ids;
import com.chatnation.crm.domain.template.TemplateContent;
import com.chatnation.crm.projections.queries.TemplateQueries;
import com.chatnation.crm.projections.queries.TemplateQueries.TemplateRow;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
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

    String draft(String organizationId, String name, String templateId, List<ParameterBinding> parameters,
                 BroadcastHeader header, String audienceId, String callbackData) {
        TemplateRow template = templates.template(organizationId, templateId)
                .filter(row -> row.deletedAt() == null)
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "not_found",
                        "no template " + templateId + " in this organization"));
        if (!"APPROVED".equals(template.status())) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "template_not_approved", "template " + template.name()
                    + " (" + template.language() + ") is " + template.status() + ": only an approved template is sent");
        }
        requireFits(template, parameters == null ? List.of() : parameters, header);
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
                new BroadcastTemplate(template.name(), template.language(), template.category()), parameters, header,
                audience.toString(), callbackData));
        return broadcastId;
    }

    /**
     * One binding per body parameter: in order for a positional template ({@code {{1}}}, {@code {{2}}}), by name for
     * a named one; the file of a media header, of the header's kind. A text header with a parameter and URL buttons
     * with a suffix differ per message in ways a contact's fields do not fill, so such templates are sent one by
     * one, not broadcast.
     */
    private static void requireFits(TemplateRow template, List<ParameterBinding> parameters, BroadcastHeader header) {
        TemplateContent content = template.content();
        if (!content.headerParameters().isEmpty() || !content.parameterisedButtons().isEmpty()) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "template_not_broadcastable", "template "
                    + template.name() + " has a header parameter or a URL button parameter; a broadcast fills body "
                    + "parameters and a media header only");
        }
        if (content.hasMediaHeader() && (header == null || !header.format().equals(content.header().format()))) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid_header", "header: the template's header is a "
                    + content.header().format() + " file: {format: " + content.header().format()
                    + ", link or mediaId}");
        }
        if (!content.hasMediaHeader() && header != null) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid_header", "header: the template has no media header");
        }
        List<String> expected = content.bodyParameters();
        if ("NAMED".equals(template.parameterFormat())) {
            List<String> given = parameters.stream().map(ParameterBinding::name).toList();
            if (given.size() != expected.size() || !new HashSet<>(given).equals(new HashSet<>(expected))) {
                throw new Refused(HttpStatus.BAD_REQUEST, "invalid_parameters", "parameters: the template's body takes "
                        + expected + ", one binding each by name; got " + given);
            }
        } else if (parameters.size() != expected.size()) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid_parameters", "parameters: the template's body takes "
                    + expected.size() + " parameters ({{1}} to {{" + expected.size() + "}}), got " + parameters.size());
        }
    }

    /** The aggregate refuses another organization's broadcast as not found, and an unknown id is not found. */
    void schedule(String organizationId, String broadcastId, Instant sendAt) {
        commands.sendAndWait(new ScheduleBroadcast(broadcastId, organizationId, sendAt, clock.instant()));
    }

    void cancel(String organizationId, String broadcastId, String reason) {
        commands.sendAndWait(new CancelBroadcast(broadcastId, organizationId, reason));
    }
}
