package com.chatnation.crm.application.platform.security;

import org.springframework.security.core.GrantedAuthority;

/**
 * What a caller may do, one authority per kind of operation. Roles and API key scopes are sets of these
 * ({@link Grants}); every endpoint names the one it needs in {@link AccessRules}.
 */
public enum Permission implements GrantedAuthority {

    /** Contacts, their conversations and transcripts. */
    CONTACTS_READ("contacts:read"),
    /** Surveys and their results, funnels, rollups. */
    ANALYTICS_READ("analytics:read"),
    /** Surveys, events and ticket types, funnel definitions, the conversation simulator. */
    CONTENT_WRITE("content:write"),
    /** Answering contacts and taking conversations over from the bot. */
    CONVERSATIONS_WRITE("conversations:write"),
    WALLET_READ("wallet:read"),
    /** Spending and reserving the organization's own tokens. */
    WALLET_WRITE("wallet:write"),
    /** Confirming that a ticket reservation was paid; the payments taken through M-Pesa. */
    PAYMENTS_WRITE("payments:write"),
    /** Letting ticket holders in at an event's gates, and the gate's live counts. */
    CHECK_IN("tickets:check-in"),
    /** Exhibitors' leads: every exhibitor's for those who read every contact, otherwise only assigned ones'. */
    LEADS_READ("leads:read"),
    TEAM_READ("team:read"),
    /** Inviting staff, changing roles, deactivating, API keys. */
    TEAM_MANAGE("team:manage"),
    AUDIT_READ("audit:read"),
    /** A contact's data protection requests: erasing them, exporting everything held about them. */
    PRIVACY_MANAGE("privacy:manage"),
    /** The organization's WhatsApp settings (its Business Account id). */
    SETTINGS_MANAGE("settings:manage"),
    /** The platform operator: onboarding, crediting wallets, suspension, rebuilds, metrics. */
    PLATFORM("platform");

    private final String authority;

    Permission(String authority) {
        this.authority = authority;
    }

    @Override
    public String getAuthority() {
        return authority;
    }
}
