package com.chatnation.crm.application.programs;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * An item as the organization writes it: its type ({@code text}, {@code image} or {@code poll}), its text or caption,
 * the key of an image uploaded to {@code …/media}, or the id of a poll; and its place, a number in the series or a
 * date ({@code 2026-04-05}). The item's own rules (one place, the fields its type takes) answer 422 naming the rule.
 */
record ItemRequest(@NotBlank @Size(max = 16) String contentType,
                   @Size(max = 5000) String body,
                   @Size(max = 200) String mediaKey,
                   @Size(max = 64) String pollId,
                   Integer sequenceNumber,
                   LocalDate scheduledOn) {
}
