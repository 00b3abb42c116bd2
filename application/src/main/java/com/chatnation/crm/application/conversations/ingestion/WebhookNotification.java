package com.chatnation.crm.application.conversations.ingestion;

import java.util.List;

/**
 * A whole webhook body: every {@code messages} change of every entry, in payload order, the changes of other
 * fields that were skipped, what could never be processed ({@code quarantined}: kept raw, with the reason), and
 * the template status and category changes.
 */
public record WebhookNotification(List<WebhookChange> changes, List<IgnoredChange> ignoredChanges,
                                  List<QuarantinedItem> quarantined, List<TemplateUpdate> templateUpdates) {

    public WebhookNotification {
        changes = List.copyOf(changes);
        ignoredChanges = List.copyOf(ignoredChanges);
        quarantined = List.copyOf(quarantined);
        templateUpdates = List.copyOf(templateUpdates);
    }

    public WebhookNotification(List<WebhookChange> changes, List<IgnoredChange> ignoredChanges,
                               List<QuarantinedItem> quarantined) {
        this(changes, ignoredChanges, quarantined, List.of());
    }

    /** The reasons of the quarantined items, in payload order (for tests and logs). */
    public List<String> quarantineReasons() {
        return quarantined.stream().map(QuarantinedItem::reason).toList();
    }

    /** All items of all changes, in payload order. */
    public List<WebhookItem> items() {
        return changes.stream().flatMap(change -> change.items().stream()).toList();
    }

    public List<InboundMessage> messages() {
        return changes.stream().flatMap(change -> change.messages().stream()).toList();
    }

    public List<StatusUpdate> statuses() {
        return changes.stream().flatMap(change -> change.statuses().stream()).toList();
    }

    public List<WebhookError> errors() {
        return changes.stream().flatMap(change -> change.errors().stream()).toList();
    }
}
