package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.domain.template.MessageTemplateId;
import com.chatnation.crm.domain.template.RecordTemplateCategory;
import com.chatnation.crm.domain.template.RecordTemplateStatus;
import com.chatnation.crm.domain.template.TemplateCategory;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Records Meta's template webhooks on the template they name (found by organization, name and language). A
 * template this service never saw (made in WhatsApp Manager) is left to the next sync, which imports it whole.
 */
@Component
class TemplateStatuses {

    private static final Logger log = LoggerFactory.getLogger(TemplateStatuses.class);

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final MeterRegistry meters;

    TemplateStatuses(JdbcTemplate jdbc, CommandGateway commands, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.meters = meters;
    }

    void record(String organizationId, TemplateUpdate update) {
        String templateId = MessageTemplateId.of(organizationId, update.name(), update.language());
        // Asked of the event store, not a read table that may lag: a failed command would roll back the whole
        // inbox transaction it runs in.
        Boolean known = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM domainevententry WHERE aggregateidentifier = ?)",
                Boolean.class, templateId);
        if (!Boolean.TRUE.equals(known)) {
            outcome(update, "unknown_template");
            log.info("{} for template {} ({}) of organization {}, which is not known here yet; a sync imports it",
                    update.field(), update.name(), update.language(), organizationId);
            return;
        }
        if (TemplateUpdate.STATUS_FIELD.equals(update.field())) {
            String status = update.event() == null ? null : update.event().toUpperCase(Locale.ROOT);
            if (status == null || !status.matches("[A-Z_]{1,32}")) {
                outcome(update, "unreadable");
                return;
            }
            commands.sendAndWait(new RecordTemplateStatus(templateId, status, update.reason()));
        } else {
            TemplateCategory category = TemplateCategory.parse(update.newCategory());
            if (category == null) {
                outcome(update, "unreadable");
                return;
            }
            commands.sendAndWait(new RecordTemplateCategory(templateId, category));
        }
        outcome(update, "recorded");
    }

    private void outcome(TemplateUpdate update, String outcome) {
        meters.counter("crm.webhook.template_updates", "field", update.field(), "outcome", outcome).increment();
    }
}
