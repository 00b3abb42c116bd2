package com.chatnation.crm.domain.organization;

import org.axonframework.serialization.Revision;

/** The organization is on hold until resumed. {@code reason} may be null. */
@Revision("1")
public record OrganizationSuspended(String organizationId, String reason) {
}
