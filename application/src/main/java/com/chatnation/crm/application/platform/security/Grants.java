package com.chatnation.crm.application.platform.security;

import com.chatnation.crm.domain.staff.ApiKeyScope;
import com.chatnation.crm.domain.staff.StaffRole;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static com.chatnation.crm.application.platform.security.Permission.ANALYTICS_READ;
import static com.chatnation.crm.application.platform.security.Permission.CHECK_IN;
import static com.chatnation.crm.application.platform.security.Permission.LEADS_READ;
import static com.chatnation.crm.application.platform.security.Permission.AUDIT_READ;
import static com.chatnation.crm.application.platform.security.Permission.PRIVACY_MANAGE;
import static com.chatnation.crm.application.platform.security.Permission.SETTINGS_MANAGE;
import static com.chatnation.crm.application.platform.security.Permission.CONTACTS_READ;
import static com.chatnation.crm.application.platform.security.Permission.CONTENT_WRITE;
import static com.chatnation.crm.application.platform.security.Permission.CONVERSATIONS_WRITE;
import static com.chatnation.crm.application.platform.security.Permission.PAYMENTS_WRITE;
import static com.chatnation.crm.application.platform.security.Permission.TEAM_MANAGE;
import static com.chatnation.crm.application.platform.security.Permission.TEAM_READ;
import static com.chatnation.crm.application.platform.security.Permission.WALLET_READ;
import static com.chatnation.crm.application.platform.security.Permission.WALLET_WRITE;

/**
 * The role matrix (the README's permission table is this class in words): what each staff role and each API
 * key scope may do. A caller holding several roles may do what any of them may.
 */
public final class Grants {

    private static final Map<StaffRole, Set<Permission>> ROLES = Map.of(
            StaffRole.OWNER, EnumSet.of(CONTACTS_READ, ANALYTICS_READ, CONTENT_WRITE, CONVERSATIONS_WRITE, WALLET_READ,
                    WALLET_WRITE, PAYMENTS_WRITE, CHECK_IN, LEADS_READ, TEAM_READ, TEAM_MANAGE, AUDIT_READ, PRIVACY_MANAGE,
                    SETTINGS_MANAGE),
            // everything but the team and the wallet's money
            StaffRole.ADMIN, EnumSet.of(CONTACTS_READ, ANALYTICS_READ, CONTENT_WRITE, CONVERSATIONS_WRITE, WALLET_READ,
                    PAYMENTS_WRITE, CHECK_IN, LEADS_READ, TEAM_READ, AUDIT_READ, PRIVACY_MANAGE, SETTINGS_MANAGE),
            StaffRole.EDITOR, EnumSet.of(CONTACTS_READ, ANALYTICS_READ, CONTENT_WRITE),
            StaffRole.AGENT, EnumSet.of(CONTACTS_READ, CONVERSATIONS_WRITE),
            StaffRole.VIEWER, EnumSet.of(CONTACTS_READ, ANALYTICS_READ, WALLET_READ),
            StaffRole.BILLING, EnumSet.of(WALLET_READ, WALLET_WRITE, PAYMENTS_WRITE),
            // the people at the doors: they let ticket holders in, and see no contact, sale or figure
            StaffRole.GATE, EnumSet.of(CHECK_IN),
            // exhibitor staff: the leads of the exhibitors they are assigned to (Exhibitors scopes them), nothing else
            StaffRole.EXHIBITOR, EnumSet.of(LEADS_READ));

    private static final Set<Permission> READ_SCOPE = EnumSet.of(CONTACTS_READ, ANALYTICS_READ, WALLET_READ);
    /** Integrations write content and payments; the team, its keys and the audit log stay with people. */
    private static final Set<Permission> WRITE_SCOPE = EnumSet.of(CONTACTS_READ, ANALYTICS_READ, WALLET_READ,
            CONTENT_WRITE, CONVERSATIONS_WRITE, WALLET_WRITE, PAYMENTS_WRITE);

    private Grants() {
    }

    public static Set<Permission> ofRoles(Collection<StaffRole> roles) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        roles.forEach(role -> permissions.addAll(ROLES.get(role)));
        return permissions;
    }

    public static Set<Permission> ofScopes(Collection<ApiKeyScope> scopes) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        scopes.forEach(scope -> permissions.addAll(scope == ApiKeyScope.WRITE ? WRITE_SCOPE : READ_SCOPE));
        return permissions;
    }
}
