package com.chatnation.crm.domain.organization;

import org.axonframework.serialization.Revision;

/** The organization's WhatsApp Business Account id changed: templates are created and listed under it. */
@Revision("1")
public record WhatsAppAccountChanged(String organizationId, String whatsAppAccountId) {
}
