package com.chatnation.crm.application.conversations.ingestion;

/**
 * Part of a signed delivery that can never be processed, kept as it came so the platform operator can see it.
 *
 * @param phoneNumberId the business number it was addressed to, when usable; null otherwise
 * @param kind          {@code message}, {@code status}, {@code change} or {@code delivery} (the whole body)
 * @param reason        a stable code such as {@code missing_message_id}, counted per reason
 * @param detail        what exactly was wrong, in words
 * @param raw           the item's JSON as received (non-ASCII escaped), or the whole body's bytes
 */
record QuarantinedItem(String phoneNumberId, String kind, String reason, String detail, byte[] raw) {
}
