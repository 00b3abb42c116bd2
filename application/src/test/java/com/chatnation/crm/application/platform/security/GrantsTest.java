package com.chatnation.crm.application.platform.security;

import com.chatnation.crm.domain.staff.ApiKeyScope;
import com.chatnation.crm.domain.staff.StaffRole;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static com.chatnation.crm.application.platform.security.Permission.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The role matrix of the README, role by role. */
class GrantsTest {

    @Test
    void eachRoleMayDoWhatTheReadmeSays() {
        assertThat(Grants.ofRoles(List.of(StaffRole.OWNER))).isEqualTo(EnumSet.complementOf(EnumSet.of(PLATFORM)));
        assertThat(Grants.ofRoles(List.of(StaffRole.ADMIN))).doesNotContain(TEAM_MANAGE, WALLET_WRITE, PLATFORM)
                .contains(CONTENT_WRITE, PAYMENTS_WRITE, CHECK_IN, LEADS_READ, TEAM_READ, AUDIT_READ, WALLET_READ);
        assertThat(Grants.ofRoles(List.of(StaffRole.EDITOR))).containsExactlyInAnyOrder(CONTACTS_READ, ANALYTICS_READ,
                CONTENT_WRITE);
        assertThat(Grants.ofRoles(List.of(StaffRole.AGENT))).containsExactlyInAnyOrder(CONTACTS_READ, CONVERSATIONS_WRITE);
        assertThat(Grants.ofRoles(List.of(StaffRole.VIEWER))).containsExactlyInAnyOrder(CONTACTS_READ, ANALYTICS_READ,
                WALLET_READ);
        assertThat(Grants.ofRoles(List.of(StaffRole.BILLING))).containsExactlyInAnyOrder(WALLET_READ, WALLET_WRITE,
                PAYMENTS_WRITE);
        assertThat(Grants.ofRoles(List.of(StaffRole.GATE))).containsExactly(CHECK_IN);
        assertThat(Grants.ofRoles(List.of(StaffRole.EXHIBITOR))).containsExactly(LEADS_READ);
    }

    @Test
    void severalRolesAddUp() {
        assertThat(Grants.ofRoles(List.of(StaffRole.EDITOR, StaffRole.BILLING))).containsExactlyInAnyOrder(
                CONTACTS_READ, ANALYTICS_READ, CONTENT_WRITE, WALLET_READ, WALLET_WRITE, PAYMENTS_WRITE);
        assertThat(Grants.ofRoles(List.of())).isEmpty();
    }

    @Test
    void keysNeverManageTheTeamOrReadTheAuditLog() {
        assertThat(Grants.ofScopes(List.of(ApiKeyScope.READ))).containsExactlyInAnyOrder(CONTACTS_READ, ANALYTICS_READ,
                WALLET_READ);
        assertThat(Grants.ofScopes(List.of(ApiKeyScope.READ, ApiKeyScope.WRITE)))
                .doesNotContain(TEAM_READ, TEAM_MANAGE, AUDIT_READ, CHECK_IN, LEADS_READ, PLATFORM)
                .contains(CONTENT_WRITE, WALLET_WRITE, PAYMENTS_WRITE);
    }
}
