package com.chatnation.crm.domain.template;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.Objects;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One message template of an organization in one language (Meta's unit: a name has one template per language,
 * reviewed and approved on its own). One aggregate per template rather than one per organization keeps each
 * stream short and lets status webhooks of different templates be recorded side by side; the id is derived
 * from organization, name and language ({@link MessageTemplateId}) so a webhook finds it without a lookup.
 * A deleted template's name and language may be submitted again (Meta decides whether the name is free yet).
 */
public class MessageTemplate {

    public static final String APPROVED = "APPROVED";
    public static final String PENDING = "PENDING";
    public static final String REJECTED = "REJECTED";
    private static final Pattern STATUS = Pattern.compile("[A-Z_]{1,32}");
    private static final int MAX_REASON = 500;

    @AggregateIdentifier
    private String templateId;
    private String organizationId;
    private String status;
    private String reason;
    private TemplateCategory category;
    private boolean deleted;

    protected MessageTemplate() {
        // required by the event-sourcing repository
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SubmitMessageTemplate command) {
        if (templateId != null && !deleted) {
            throw new DomainRuleViolation("template_exists", "the organization already has template '"
                    + command.name() + "' in " + command.language());
        }
        TemplateRules.check(command.name(), command.language(), command.category(), command.content());
        requireIdentity(command.templateId(), command.organizationId(), command.name(), command.language());
        requireMetaId(command.metaTemplateId());
        apply(new MessageTemplateSubmitted(command.templateId(), command.organizationId(), command.name(),
                command.language(), command.category(), command.content(), command.metaTemplateId(),
                status(command.status())));
    }

    /** Meta's copy is what it reviewed, so it is not held to this service's rules beyond its identity. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ImportMessageTemplate command) {
        String newStatus = status(command.status());
        String newReason = reason(command.reason());
        if (templateId == null || deleted) {
            requireIdentity(command.templateId(), command.organizationId(), command.name(), command.language());
            requireMetaId(command.metaTemplateId());
            if (command.category() == null) {
                throw new DomainRuleViolation("invalid_template_category", "a template category is required");
            }
            apply(new MessageTemplateImported(command.templateId(), command.organizationId(), command.name(),
                    command.language(), command.category(), command.content(), command.metaTemplateId(), newStatus,
                    newReason));
            return;
        }
        changeStatus(newStatus, newReason);
        if (command.category() != null && command.category() != category) {
            apply(new MessageTemplateCategoryChanged(templateId, organizationId, command.category(), category));
        }
    }

    /** A repeated or late status that says nothing new is recorded once; a deleted template keeps no status. */
    @CommandHandler
    public void handle(RecordTemplateStatus command) {
        if (!deleted) {
            changeStatus(status(command.status()), reason(command.reason()));
        }
    }

    @CommandHandler
    public void handle(RecordTemplateCategory command) {
        if (command.category() == null) {
            throw new DomainRuleViolation("invalid_template_category", "a template category is required");
        }
        if (!deleted && command.category() != category) {
            apply(new MessageTemplateCategoryChanged(templateId, organizationId, command.category(), category));
        }
    }

    @CommandHandler
    public void handle(DeleteMessageTemplate command) {
        if (!deleted) {
            apply(new MessageTemplateDeleted(templateId, organizationId));
        }
    }

    private void changeStatus(String newStatus, String newReason) {
        if (!newStatus.equals(status) || !Objects.equals(newReason, reason)) {
            apply(new MessageTemplateStatusChanged(templateId, organizationId, newStatus, status, newReason));
        }
    }

    private static void requireIdentity(String templateId, String organizationId, String name, String language) {
        if (organizationId == null || organizationId.isBlank() || name == null || language == null
                || !MessageTemplateId.of(organizationId, name, language).equals(templateId)) {
            throw new DomainRuleViolation("invalid_template_id",
                    "a template's id is derived from its organization, name and language");
        }
    }

    private static void requireMetaId(String metaTemplateId) {
        if (metaTemplateId == null || !metaTemplateId.matches("[0-9]{1,32}")) {
            throw new DomainRuleViolation("invalid_meta_template_id", "Meta's template id is numeric, was '"
                    + metaTemplateId + "'");
        }
    }

    private static String status(String value) {
        if (value == null || !STATUS.matcher(value).matches()) {
            throw new DomainRuleViolation("invalid_template_status", "a template status is Meta's upper-case word "
                    + "(PENDING, APPROVED, REJECTED, …), was '" + value + "'");
        }
        return value;
    }

    /** Meta says "NONE" when there is no reason. */
    private static String reason(String value) {
        if (value == null || value.isBlank() || "NONE".equals(value)) {
            return null;
        }
        return value.length() > MAX_REASON ? value.substring(0, MAX_REASON) : value;
    }

    @EventSourcingHandler
    void on(MessageTemplateSubmitted event) {
        created(event.templateId(), event.organizationId(), event.category(), event.status(), null);
    }

    @EventSourcingHandler
    void on(MessageTemplateImported event) {
        created(event.templateId(), event.organizationId(), event.category(), event.status(), event.reason());
    }

    private void created(String id, String organization, TemplateCategory newCategory, String newStatus,
                         String newReason) {
        templateId = id;
        organizationId = organization;
        category = newCategory;
        status = newStatus;
        reason = newReason;
        deleted = false;
    }

    @EventSourcingHandler
    void on(MessageTemplateStatusChanged event) {
        status = event.status();
        reason = event.reason();
    }

    @EventSourcingHandler
    void on(MessageTemplateCategoryChanged event) {
        category = event.category();
    }

    @EventSourcingHandler
    void on(MessageTemplateDeleted event) {
        deleted = true;
    }
}
