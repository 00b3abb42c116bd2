package com.chatnation.crm.application.templates;

import com.chatnation.crm.application.platform.whatsapp.GraphApiRefusal;
import com.chatnation.crm.application.platform.whatsapp.WhatsAppTemplateApi;
import com.chatnation.crm.domain.template.DeleteMessageTemplate;
import com.chatnation.crm.domain.template.ImportMessageTemplate;
import com.chatnation.crm.domain.template.MessageTemplateId;
import com.chatnation.crm.domain.template.RecordTemplateCategory;
import com.chatnation.crm.domain.template.SubmitMessageTemplate;
import com.chatnation.crm.domain.template.TemplateCategory;
import com.chatnation.crm.domain.template.TemplateContent;
import com.chatnation.crm.domain.template.TemplateRules;
import com.chatnation.crm.projections.queries.TemplateQueries;
import com.chatnation.crm.projections.queries.TemplateQueries.TemplateRow;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Creates, deletes and syncs an organization's templates at Meta and records what Meta answered. A template is
 * checked against {@link TemplateRules} before Meta is called, and recorded only once Meta accepted it, so the
 * event history holds no template Meta never had.
 */
@Component
class TemplateSubmissions {

    private static final Logger log = LoggerFactory.getLogger(TemplateSubmissions.class);
    /** 100 templates a page: far more than any account holds (Meta allows 6,000 at most). */
    private static final int MAX_PAGES = 60;

    private final WhatsAppAccounts accounts;
    private final WhatsAppTemplateApi meta;
    private final CommandGateway commands;
    private final TemplateQueries templates;
    private final JdbcTemplate jdbc;

    TemplateSubmissions(WhatsAppAccounts accounts, WhatsAppTemplateApi meta, CommandGateway commands,
                        TemplateQueries templates, JdbcTemplate jdbc) {
        this.accounts = accounts;
        this.meta = meta;
        this.commands = commands;
        this.templates = templates;
        this.jdbc = jdbc;
    }

    record Created(String id, String metaTemplateId, String status, String category) {
    }

    record Synced(int listed, int deleted, int skipped) {
    }

    Created create(String organizationId, String name, String language, String category, TemplateContent content) {
        TemplateCategory parsed = TemplateCategory.parse(category);
        TemplateRules.check(name, language, parsed, content);
        WhatsAppAccounts.Account account = accounts.of(organizationId, true);
        String templateId = MessageTemplateId.of(organizationId, name, language);
        if (exists(templateId)) {
            throw new TemplateRefusal(HttpStatus.CONFLICT, "template_exists",
                    "the organization already has template '" + name + "' in " + language);
        }
        WhatsAppTemplateApi.Created created;
        try {
            created = meta.create(account.accountId(), account.accessToken(),
                    MetaTemplates.submission(name, language, parsed, content));
        } catch (GraphApiRefusal refusal) {
            throw refused("submitting template '" + name + "'", refusal);
        }
        String status = created.status() == null ? "PENDING" : created.status().toUpperCase(Locale.ROOT);
        commands.sendAndWait(new SubmitMessageTemplate(templateId, organizationId, name, language, parsed, content,
                created.id(), status));
        TemplateCategory metaCategory = TemplateCategory.parse(created.category());
        if (metaCategory != null && metaCategory != parsed) {
            // Meta may put a template in another category than asked for at once
            commands.sendAndWait(new RecordTemplateCategory(templateId, metaCategory));
        }
        return new Created(templateId, created.id(), status, (metaCategory == null ? parsed : metaCategory).name());
    }

    /** Deletes this language of the template at Meta, then here. */
    void delete(String organizationId, String templateId) {
        TemplateRow row = templates.template(organizationId, templateId)
                .filter(t -> t.deletedAt() == null).orElseThrow(() -> TemplateRefusal.notFound(templateId));
        WhatsAppAccounts.Account account = accounts.of(organizationId, true);
        try {
            meta.delete(account.accountId(), account.accessToken(), row.name(), row.metaTemplateId());
        } catch (GraphApiRefusal refusal) {
            throw refused("deleting template '" + row.name() + "'", refusal);
        }
        commands.sendAndWait(new DeleteMessageTemplate(row.id()));
    }

    /**
     * Reads every page of the account's templates: unknown ones are imported, known ones take Meta's status and
     * category, and templates Meta no longer lists are recorded as deleted.
     */
    Synced sync(String organizationId) {
        WhatsAppAccounts.Account account = accounts.of(organizationId, true);
        Set<String> listed = new HashSet<>();
        int skipped = 0;
        String after = null;
        int pages = 0;
        do {
            WhatsAppTemplateApi.TemplatePage page;
            try {
                page = meta.list(account.accountId(), account.accessToken(), after);
            } catch (GraphApiRefusal refusal) {
                throw refused("listing templates", refusal);
            }
            for (JsonNode template : page.templates()) {
                if (importTemplate(organizationId, template)) {
                    listed.add(MessageTemplateId.of(organizationId, template.path("name").asText(),
                            template.path("language").asText()));
                } else {
                    skipped++;
                }
            }
            after = page.after();
        } while (after != null && ++pages < MAX_PAGES);
        int deleted = 0;
        if (after == null) {
            // only a complete list can say a template is gone
            for (String gone : jdbc.queryForList("SELECT id::text FROM message_templates WHERE organization_id = ? "
                    + "AND deleted_at IS NULL", String.class, organizationId)) {
                if (!listed.contains(gone)) {
                    commands.sendAndWait(new DeleteMessageTemplate(gone));
                    deleted++;
                }
            }
        }
        log.info("synced the templates of organization {}: {} listed, {} recorded as deleted, {} skipped",
                organizationId, listed.size(), deleted, skipped);
        return new Synced(listed.size(), deleted, skipped);
    }

    private boolean importTemplate(String organizationId, JsonNode template) {
        String name = template.path("name").asText(null);
        String language = template.path("language").asText(null);
        String metaId = template.path("id").asText(null);
        String status = template.path("status").asText("").toUpperCase(Locale.ROOT);
        TemplateCategory category = TemplateCategory.parse(template.path("category").asText(null));
        if (name == null || language == null || metaId == null || category == null
                || !status.matches("[A-Z_]{1,32}") || !language.matches("[A-Za-z_]{2,16}") || name.length() > 512) {
            log.warn("template {} ({}) in Meta's list is not usable here and was skipped", name, language);
            return false;
        }
        commands.sendAndWait(new ImportMessageTemplate(MessageTemplateId.of(organizationId, name, language),
                organizationId, name, language, category, MetaTemplates.content(template), metaId, status,
                template.path("rejected_reason").asText(null)));
        return true;
    }

    private boolean exists(String templateId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM domainevententry WHERE aggregateidentifier = ?)
                   AND NOT EXISTS (SELECT 1 FROM domainevententry WHERE aggregateidentifier = ?
                       AND sequencenumber = (SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?)
                       AND payloadtype LIKE '%.MessageTemplateDeleted')""", Boolean.class, templateId, templateId,
                templateId));
    }

    static TemplateRefusal refused(String what, GraphApiRefusal refusal) {
        if (refusal.refusedByMeta()) {
            return new TemplateRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "whatsapp_refused", "Meta refused " + what + ": "
                    + refusal.getMessage(), refusal.errorCode() == null ? Map.of()
                    : Map.of("whatsappErrorCode", refusal.errorCode()));
        }
        return new TemplateRefusal(HttpStatus.BAD_GATEWAY, "whatsapp_unavailable", "the Graph API did not answer "
                + what + ": " + refusal.getMessage());
    }

}
