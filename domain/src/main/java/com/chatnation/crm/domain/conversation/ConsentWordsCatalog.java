package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.organization.ConsentWords;

/** The opt-out and opt-in words an organization's contacts use; {@link ConsentWords#DEFAULT} unless it set its own. */
public interface ConsentWordsCatalog {

    ConsentWords consentWords(String organizationId);
}
