package com.chatnation.crm.application.templates;

import com.chatnation.crm.application.platform.web.DashboardRequests;
import com.chatnation.crm.domain.template.TemplateButton;
import com.chatnation.crm.domain.template.TemplateContent;
import com.chatnation.crm.domain.template.TemplateExample;
import com.chatnation.crm.domain.template.TemplateHeader;
import com.chatnation.crm.projections.queries.Page;
import com.chatnation.crm.projections.queries.TemplateQueries;
import com.chatnation.crm.projections.queries.TemplateQueries.TemplateRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

/** An organization's WhatsApp message templates: created and reviewed at Meta, synced, deleted, sent. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/templates")
@Tag(name = "Message templates")
@SecurityRequirement(name = "bearer")
class TemplatesController {

    private final TemplateSubmissions submissions;
    private final TemplateSends sends;
    private final TemplateQueries templates;

    TemplatesController(TemplateSubmissions submissions, TemplateSends sends, TemplateQueries templates) {
        this.submissions = submissions;
        this.sends = sends;
        this.templates = templates;
    }

    record TemplateRequest(String name, String language, String category, TemplateHeader header, String body,
                           List<TemplateExample> bodyExamples, String footer, List<TemplateButton> buttons) {
    }

    @GetMapping
    @Operation(summary = "The organization's templates, newest first (status: APPROVED, PENDING, REJECTED, …)")
    Page<TemplateRow> list(@PathVariable String orgId, @RequestParam(required = false) String status,
                           @RequestParam(required = false) String limit,
                           @RequestParam(required = false) String after) {
        String wanted = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && !wanted.matches("[A-Z_]{1,32}")) {
            throw DashboardRequests.badRequest("status is one of Meta's template statuses, such as APPROVED");
        }
        return templates.templates(orgId, wanted, DashboardRequests.after(after), DashboardRequests.limit(limit));
    }

    @GetMapping("/{templateId}")
    @Operation(summary = "One template with its content, Meta's status and the reason of a rejection")
    TemplateRow one(@PathVariable String orgId, @PathVariable String templateId) {
        return templates.template(orgId, templateId).orElseThrow(() -> TemplateRefusal.notFound(templateId));
    }

    @PostMapping
    @Operation(summary = "Create a template and submit it to Meta for review",
            description = "Checked against Meta's rules first (422 naming the rule). Answers Meta's template id and "
                    + "first status, usually PENDING; the review's outcome arrives by webhook or sync.")
    ResponseEntity<TemplateSubmissions.Created> create(@PathVariable String orgId,
                                                       @RequestBody(required = false) TemplateRequest request) {
        if (request == null) {
            throw DashboardRequests.badRequest("a template (name, language, category, body, …) is required");
        }
        TemplateContent content = new TemplateContent(request.header(), request.body(), request.bodyExamples(),
                request.footer(), request.buttons());
        return ResponseEntity.status(HttpStatus.CREATED).body(submissions.create(orgId, request.name(),
                request.language(), request.category(), content));
    }

    @DeleteMapping("/{templateId}")
    @Operation(summary = "Delete this language of the template at Meta and here")
    ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String templateId) {
        submissions.delete(orgId, templateId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/sync")
    @Operation(summary = "Read Meta's list of the account's templates: import unknown ones, update statuses")
    TemplateSubmissions.Synced sync(@PathVariable String orgId) {
        return submissions.sync(orgId);
    }

    @PostMapping("/{templateId}/messages")
    @Operation(summary = "Send an approved template to one number",
            description = "Parameters must fit the template exactly (400 otherwise): header (text, or a file of the "
                    + "header's kind by link or mediaId), body values (text, currency, date_time; by name for named "
                    + "templates), and the suffix of each URL button that takes one. Charged at the price list's "
                    + "templates/<category>; refunded if WhatsApp does not take it.")
    ResponseEntity<TemplateSends.Sent> send(@PathVariable String orgId, @PathVariable String templateId,
                                            @RequestBody(required = false) TemplateSends.Send request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(sends.send(orgId, templateId, request));
    }
}
