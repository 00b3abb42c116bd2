package com.chatnation.crm.domain.organization;

import org.axonframework.serialization.Revision;

/** The organization changed how long message texts are kept ({@code days} null: for as long as it exists). */
@Revision("1")
public record MessageRetentionChanged(String organizationId, Integer days) {
}
