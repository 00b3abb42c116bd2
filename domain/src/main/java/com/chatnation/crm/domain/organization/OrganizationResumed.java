package com.chatnation.crm.domain.organization;

import org.axonframework.serialization.Revision;

/** The organization's suspension was lifted. */
@Revision("1")
public record OrganizationResumed(String organizationId) {
}
