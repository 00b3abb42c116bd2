package com.chatnation.crm.application.conversations.ingestion;

import java.util.List;

/**
 * A whole webhook body: every {@code messages} change of every entry, in payload order, and the changes of other
 * fields that were skipped.
 */
public record WebhookNotification(List<WebhookChange> changes, List<IgnoredChange> ignoredChanges) {

    public WebhookNotification {
        changes = List.copyOf(changes);
        ignoredChanges = List.copyOf(ignoredChanges);
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
