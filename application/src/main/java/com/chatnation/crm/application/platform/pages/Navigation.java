package com.chatnation.crm.application.platform.pages;

import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.security.Permission;

import java.util.List;

/**
 * The dashboard's menu. An entry shows only to members whose roles open its page; the page itself is guarded by
 * its line in the access rules whether or not the menu shows it.
 */
final class Navigation {

    /** {@code key} names the menu text in the message bundle ({@code nav.<key>}); null permission: every member. */
    public record Entry(String key, String href, Permission permission) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("overview", "/app", null),
            new Entry("inbox", "/app/inbox", Permission.CONTACTS_READ),
            new Entry("contacts", "/app/contacts", Permission.CONTACTS_READ),
            new Entry("surveys", "/app/surveys", Permission.ANALYTICS_READ),
            new Entry("funnels", "/app/funnels", Permission.ANALYTICS_READ),
            new Entry("stepSets", "/app/step-sets", Permission.ANALYTICS_READ),
            new Entry("engagement", "/app/engagement", Permission.ANALYTICS_READ),
            new Entry("broadcasts", "/app/broadcasts", Permission.ANALYTICS_READ),
            new Entry("polls", "/app/polls", Permission.ANALYTICS_READ),
            new Entry("programs", "/app/programs", Permission.ANALYTICS_READ),
            new Entry("knowledge", "/app/knowledge", Permission.ANALYTICS_READ),
            new Entry("hypecards", "/app/hypecards", Permission.ANALYTICS_READ),
            new Entry("templates", "/app/templates", Permission.CONTENT_WRITE),
            new Entry("events", "/app/events", Permission.ANALYTICS_READ),
            new Entry("gate", "/app/gate", Permission.CHECK_IN),
            new Entry("leads", "/app/leads", Permission.LEADS_READ),
            new Entry("payments", "/app/payments", Permission.PAYMENTS_WRITE),
            new Entry("wallet", "/app/wallet", Permission.WALLET_READ),
            new Entry("team", "/app/team", Permission.TEAM_READ),
            new Entry("audit", "/app/audit", Permission.AUDIT_READ));

    private Navigation() {
    }

    static List<Entry> visibleTo(CrmPrincipal member) {
        return ENTRIES.stream().filter(entry -> entry.permission() == null || member.may(entry.permission())).toList();
    }
}
