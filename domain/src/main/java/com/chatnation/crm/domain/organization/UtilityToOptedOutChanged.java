package com.chatnation.crm.domain.organization;

import org.axonframework.serialization.Revision;

/** {@code send}: utility and authentication templates go to contacts who opted out of marketing. */
@Revision("1")
public record UtilityToOptedOutChanged(String organizationId, boolean send) {
}
