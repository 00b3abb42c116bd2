package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.organization.HandoverSettings;

/** How an organization's contacts reach its team; {@link HandoverSettings#DEFAULT} unless it set its own. */
public interface HandoverSettingsCatalog {

    HandoverSettings handoverSettings(String organizationId);
}
