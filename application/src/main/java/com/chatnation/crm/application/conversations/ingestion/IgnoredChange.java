package com.chatnation.crm.application.conversations.ingestion;

/**
 * A change this service does not process (account updates, template status, quality, …), kept so callers can
 * log or count it. {@code field} is null when the change had no {@code field} and did not look like messages.
 */
record IgnoredChange(String entryId, String field) {
}
