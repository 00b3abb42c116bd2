package com.chatnation.crm.domain.hypecard;

import java.time.Instant;

public record CardTemplateArchived(String templateId, String organizationId, Instant at) {
}
