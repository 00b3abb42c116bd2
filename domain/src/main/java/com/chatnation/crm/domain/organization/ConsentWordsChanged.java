package com.chatnation.crm.domain.organization;

import org.axonframework.serialization.Revision;

/** The organization's opt-out and opt-in words, normalized (upper case, single spaces). */
@Revision("1")
public record ConsentWordsChanged(String organizationId, ConsentWords words) {
}
