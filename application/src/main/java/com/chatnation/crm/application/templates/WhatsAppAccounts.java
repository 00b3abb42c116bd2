package com.chatnation.crm.application.templates;

import com.chatnation.crm.application.platform.whatsapp.WhatsAppProperties;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The WhatsApp Business Account, number and access token an organization's template calls are made with. */
@Component
class WhatsAppAccounts {

    record Account(String organizationId, String accountId, String phoneNumberId, String accessToken) {
        @Override
        public String toString() {
            return "Account[" + organizationId + ", " + accountId + ", " + phoneNumberId + ", token hidden]";
        }
    }

    private final OrganizationDirectory organizations;
    private final WhatsAppProperties settings;

    WhatsAppAccounts(OrganizationDirectory organizations, WhatsAppProperties settings) {
        this.organizations = organizations;
        this.settings = settings;
    }

    /** The organization's number and token; its account id only when {@code needsAccount}. */
    Account of(String organizationId, boolean needsAccount) {
        OrganizationRow organization = organizations.byId(organizationId)
                .orElseThrow(() -> new TemplateRefusal(HttpStatus.NOT_FOUND, "not_found", "no such organization"));
        String accountId = organizations.whatsAppAccountId(organizationId).orElse(null);
        if (needsAccount && accountId == null) {
            throw new TemplateRefusal(HttpStatus.CONFLICT, "whatsapp_account_missing", "the organization has not named "
                    + "its WhatsApp Business Account yet (PUT /api/v1/orgs/{org}/settings/whatsapp-account)");
        }
        String token = settings.accessTokenFor(organization.phoneNumberId());
        if (token == null) {
            throw new TemplateRefusal(HttpStatus.CONFLICT, "whatsapp_not_configured",
                    "no WhatsApp access token is configured for this organization's number");
        }
        return new Account(organizationId, accountId, organization.phoneNumberId(), token);
    }
}
