package com.chatnation.crm.application.platform.pages;

import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.security.Permission;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import com.chatnation.crm.projections.staff.StaffDirectory;
import com.chatnation.crm.projections.staff.StaffMemberRow;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every page's layout shows: who is logged in, their organization, the menu their roles allow, and
 * {@code can}, the permissions a template asks before showing a button (the server refuses the action anyway).
 */
@ControllerAdvice(annotations = DashboardPage.class)
class PageLayout {

    /** The header's view of the member. */
    record Member(String name, String organization, boolean suspended) {
    }

    private final StaffDirectory staff;
    private final OrganizationDirectory organizations;

    PageLayout(StaffDirectory staff, OrganizationDirectory organizations) {
        this.staff = staff;
        this.organizations = organizations;
    }

    @ModelAttribute("member")
    Member member(@AuthenticationPrincipal CrmPrincipal caller) {
        if (!staff(caller)) {
            return null;
        }
        String name = staff.member(caller.id()).map(StaffMemberRow::displayName).orElse("");
        var organization = organizations.byId(caller.organizationId());
        return new Member(name, organization.map(OrganizationRow::name).orElse(""),
                organization.map(OrganizationRow::suspended).orElse(false));
    }

    @ModelAttribute("nav")
    List<Navigation.Entry> navigation(@AuthenticationPrincipal CrmPrincipal caller) {
        return staff(caller) ? Navigation.visibleTo(caller) : List.of();
    }

    /**
     * The platform operator's pages: the layout shows the operator's header (and sign-out) instead of a member and an
     * organization's menu, since the operator belongs to no organization.
     */
    @ModelAttribute("operator")
    boolean operator(@AuthenticationPrincipal CrmPrincipal caller) {
        return caller != null && caller.kind() == CrmPrincipal.Kind.PLATFORM;
    }

    private static boolean staff(CrmPrincipal caller) {
        return caller != null && caller.kind() == CrmPrincipal.Kind.STAFF;
    }

    /** Permission names as templates spell them: {@code can.contains('conversations:write')}. */
    @ModelAttribute("can")
    Set<String> can(@AuthenticationPrincipal CrmPrincipal caller) {
        if (caller == null) {
            return Set.of();
        }
        return Arrays.stream(Permission.values()).filter(caller::may).map(Permission::getAuthority)
                .collect(Collectors.toUnmodifiableSet());
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getServletPath(); // for the menu's current page only
    }
}
