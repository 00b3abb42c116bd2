package com.chatnation.crm.application.platform.security;

import jakarta.servlet.DispatcherType;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import static com.chatnation.crm.application.platform.security.Permission.ANALYTICS_READ;
import static com.chatnation.crm.application.platform.security.Permission.CHECK_IN;
import static com.chatnation.crm.application.platform.security.Permission.LEADS_READ;
import static com.chatnation.crm.application.platform.security.Permission.AUDIT_READ;
import static com.chatnation.crm.application.platform.security.Permission.PRIVACY_MANAGE;
import static com.chatnation.crm.application.platform.security.Permission.CONVERSATIONS_WRITE;
import static com.chatnation.crm.application.platform.security.Permission.SETTINGS_MANAGE;
import static com.chatnation.crm.application.platform.security.Permission.CONTACTS_READ;
import static com.chatnation.crm.application.platform.security.Permission.CONTENT_WRITE;
import static com.chatnation.crm.application.platform.security.Permission.CONVERSATIONS_WRITE;
import static com.chatnation.crm.application.platform.security.Permission.PAYMENTS_WRITE;
import static com.chatnation.crm.application.platform.security.Permission.TEAM_MANAGE;
import static com.chatnation.crm.application.platform.security.Permission.TEAM_READ;
import static com.chatnation.crm.application.platform.security.Permission.WALLET_READ;
import static com.chatnation.crm.application.platform.security.Permission.WALLET_WRITE;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * Every operation of the service and who may call it, in one table. Paths are matched exactly as Spring MVC
 * routes them (path patterns over the decoded path), and anything not listed is refused: a new endpoint is
 * unreachable until it is given a line here.
 */
final class AccessRules {

    private static final String ORG = "/api/v1/orgs/{" + TenantAccess.ORGANIZATION_VARIABLE + "}";

    private final AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules;
    private final TenantAccess tenant;
    private final PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();

    private AccessRules(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules,
                        TenantAccess tenant) {
        this.rules = rules;
        this.tenant = tenant;
    }

    static void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules,
                      TenantAccess tenant) {
        new AccessRules(rules, tenant).all();
    }

    private void all() {
        // Anyone: health (no details), the API description, Meta's webhook (authenticated by its HMAC signature),
        // and the steps that lead to a staff login.
        anyone(GET, "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness");
        anyone(GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**");
        anyone(GET, "/webhooks/whatsapp");
        anyone(POST, "/webhooks/whatsapp");
        // M-Pesa's answers: each payment's address carries its own signature, checked by the payments slice
        anyone(POST, "/payments/mpesa/callbacks/{paymentId}/{signature}");
        anyone(POST, "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout",
                "/api/v1/auth/invitations/accept");

        // A logged-in member, about themselves.
        rules.requestMatchers(paths.matcher(GET, "/api/v1/auth/me"), paths.matcher(POST, "/api/v1/auth/password"))
                .access(staffOnly());

        // The platform operator: onboarding, crediting wallets, suspension, rebuilds, dead letters
        // (/admin/dead-letters), the webhook quarantine (/admin/quarantine), metrics, the health endpoint's details.
        rules.requestMatchers(paths.matcher("/admin/**"), paths.matcher("/actuator/**"))
                .hasAuthority(Permission.PLATFORM.getAuthority());

        // The organization's own data and settings.
        org(GET, "/contacts", CONTACTS_READ);
        org(GET, "/contacts/{contactId}", CONTACTS_READ);
        org(GET, "/contacts/{contactId}/conversations", CONTACTS_READ);
        org(GET, "/conversations/{conversationId}/messages", CONTACTS_READ);
        org(PUT, "/contacts/{contactId}/tags/{tag}", CONVERSATIONS_WRITE);
        org(DELETE, "/contacts/{contactId}/tags/{tag}", CONVERSATIONS_WRITE);
        org(PUT, "/contacts/{contactId}/attributes/{key}", CONVERSATIONS_WRITE);
        org(DELETE, "/contacts/{contactId}/attributes/{key}", CONVERSATIONS_WRITE);
        org(PUT, "/contacts/{contactId}/consent", CONVERSATIONS_WRITE);
        org(POST, "/contacts/imports", CONTENT_WRITE);
        org(GET, "/audiences", CONTACTS_READ);
        org(GET, "/audiences/{audienceId}", CONTACTS_READ);
        org(GET, "/audiences/{audienceId}/preview", CONTACTS_READ);
        org(POST, "/audiences", CONTENT_WRITE);
        org(PUT, "/audiences/{audienceId}", CONTENT_WRITE);
        org(DELETE, "/audiences/{audienceId}", CONTENT_WRITE);

        org(GET, "/wallet", WALLET_READ);
        org(GET, "/wallet/transactions", WALLET_READ);
        org(POST, "/wallet/debits", WALLET_WRITE);
        org(POST, "/wallet/reservations", WALLET_WRITE);
        org(POST, "/wallet/reservations/{reservationId}/captures", WALLET_WRITE);
        org(POST, "/wallet/reservations/{reservationId}/release", WALLET_WRITE);

        org(GET, "/surveys", ANALYTICS_READ);
        org(GET, "/surveys/{surveyId}/results", ANALYTICS_READ);
        org(GET, "/survey-funnels/{surveyId}", ANALYTICS_READ);
        org(POST, "/surveys", CONTENT_WRITE);
        org(PUT, "/surveys/{surveyId}", CONTENT_WRITE);
        org(DELETE, "/surveys/{surveyId}", CONTENT_WRITE);

        org(GET, "/funnels", ANALYTICS_READ);
        org(GET, "/funnels/{key}", ANALYTICS_READ);
        org(PUT, "/funnels/{key}", CONTENT_WRITE);
        org(DELETE, "/funnels/{key}", CONTENT_WRITE);
        // step sets: the literal templates path before the set's key
        org(GET, "/step-sets", ANALYTICS_READ);
        org(GET, "/step-sets/templates", ANALYTICS_READ);
        org(GET, "/step-sets/{key}", ANALYTICS_READ);
        org(GET, "/step-sets/{key}/backfill", ANALYTICS_READ);
        org(PUT, "/step-sets/{key}", CONTENT_WRITE);
        org(DELETE, "/step-sets/{key}", CONTENT_WRITE);
        org(GET, "/rollups/daily", ANALYTICS_READ);
        org(GET, "/engagement/contacts", ANALYTICS_READ);
        org(GET, "/engagement/segments", ANALYTICS_READ);
        org(GET, "/engagement/best-times", ANALYTICS_READ);
        org(GET, "/broadcasts", ANALYTICS_READ);
        org(GET, "/broadcasts/{broadcastId}", ANALYTICS_READ);
        org(POST, "/broadcasts", CONTENT_WRITE);
        org(POST, "/broadcasts/{broadcastId}/schedule", CONTENT_WRITE);
        org(POST, "/broadcasts/{broadcastId}/send", CONTENT_WRITE);
        org(POST, "/broadcasts/{broadcastId}/cancel", CONTENT_WRITE);
        org(GET, "/polls", ANALYTICS_READ);
        org(GET, "/polls/{pollId}", ANALYTICS_READ);
        org(POST, "/polls", CONTENT_WRITE);
        org(POST, "/polls/{pollId}/sends", CONTENT_WRITE);
        org(POST, "/polls/{pollId}/close", CONTENT_WRITE);
        // content programs: read with analytics, changed as content; subscribing contacts is acting for them
        org(GET, "/programs", ANALYTICS_READ);
        org(POST, "/programs", CONTENT_WRITE);
        org(GET, "/programs/{programId}", ANALYTICS_READ);
        org(POST, "/programs/{programId}/items", CONTENT_WRITE);
        org(DELETE, "/programs/{programId}/items/{itemId}", CONTENT_WRITE);
        org(POST, "/programs/{programId}/archive", CONTENT_WRITE);
        org(POST, "/programs/{programId}/media", CONTENT_WRITE);
        org(GET, "/programs/{programId}/subscribers", ANALYTICS_READ);
        org(POST, "/programs/{programId}/subscribers", CONVERSATIONS_WRITE);
        org(DELETE, "/programs/{programId}/subscribers/{contactId}", CONVERSATIONS_WRITE);
        org(GET, "/programs/{programId}/analytics", ANALYTICS_READ);
        // HypeCard templates: the literal images path before the {templateId} ones
        org(POST, "/hypecard-templates/images", CONTENT_WRITE);
        org(GET, "/hypecard-templates", ANALYTICS_READ);
        org(POST, "/hypecard-templates", CONTENT_WRITE);
        org(GET, "/hypecard-templates/{templateId}", ANALYTICS_READ);
        org(GET, "/hypecard-templates/{templateId}/preview", ANALYTICS_READ);
        org(POST, "/hypecard-templates/{templateId}/archive", CONTENT_WRITE);
        org(GET, "/hypecards", ANALYTICS_READ);
        // knowledge bases: the literal paths before the {knowledgeBaseId} one
        org(GET, "/knowledge-bases/queries", ANALYTICS_READ);
        org(POST, "/knowledge-bases/answers", CONTENT_WRITE);
        org(GET, "/knowledge-bases", ANALYTICS_READ);
        org(POST, "/knowledge-bases", CONTENT_WRITE);
        org(GET, "/knowledge-bases/{knowledgeBaseId}", ANALYTICS_READ);
        org(POST, "/knowledge-bases/{knowledgeBaseId}/faq-items", CONTENT_WRITE);
        org(DELETE, "/knowledge-bases/{knowledgeBaseId}/faq-items/{faqId}", CONTENT_WRITE);
        org(POST, "/knowledge-bases/{knowledgeBaseId}/documents", CONTENT_WRITE);
        org(DELETE, "/knowledge-bases/{knowledgeBaseId}/documents/{documentId}", CONTENT_WRITE);

        org(POST, "/events", CONTENT_WRITE);
        org(POST, "/events/{eventId}/ticket-types", CONTENT_WRITE);
        org(POST, "/ticket-reservations/{reservationId}/payment", PAYMENTS_WRITE);
        org(POST, "/ticket-reservations/{reservationId}/cancellation", PAYMENTS_WRITE);
        org(GET, "/events/{eventId}/funnel", ANALYTICS_READ);
        // payments by M-Pesa: reading them is the payments role's; a top-up spends money on the wallet
        org(GET, "/payments", PAYMENTS_WRITE);
        org(GET, "/payments/{paymentId}", PAYMENTS_WRITE);
        org(POST, "/wallet/top-ups", WALLET_WRITE);
        org(POST, "/events/{eventId}/check-ins", CHECK_IN);
        org(GET, "/events/{eventId}/check-ins", CHECK_IN);
        // event agendas: read with analytics, changed as content; venues and speakers are reusable across events
        org(GET, "/venues", ANALYTICS_READ);
        org(POST, "/venues", CONTENT_WRITE);
        org(PUT, "/venues/{venueId}", CONTENT_WRITE);
        org(GET, "/speakers", ANALYTICS_READ);
        org(POST, "/speakers", CONTENT_WRITE);
        org(PUT, "/speakers/{speakerId}", CONTENT_WRITE);
        org(GET, "/events/{eventId}/agenda", ANALYTICS_READ);
        org(POST, "/events/{eventId}/sessions", CONTENT_WRITE);
        org(PUT, "/events/{eventId}/sessions/{sessionId}", CONTENT_WRITE);
        org(POST, "/events/{eventId}/sessions/{sessionId}/cancel", CONTENT_WRITE);
        org(PUT, "/events/{eventId}/sessions/{sessionId}/speakers/{speakerId}", CONTENT_WRITE);
        org(DELETE, "/events/{eventId}/sessions/{sessionId}/speakers/{speakerId}", CONTENT_WRITE);
        // exhibitors: read with analytics, changed as content; their staff assigned by who manages the team; leads
        // read with leads:read, which Exhibitors scopes to the caller's own exhibitors unless they read every contact
        org(GET, "/events/{eventId}/exhibitors", ANALYTICS_READ);
        org(POST, "/events/{eventId}/exhibitors", CONTENT_WRITE);
        org(GET, "/events/{eventId}/lead-analytics", ANALYTICS_READ);
        org(GET, "/exhibitors", LEADS_READ);
        org(GET, "/exhibitors/{exhibitorId}", ANALYTICS_READ);
        org(PUT, "/exhibitors/{exhibitorId}", CONTENT_WRITE);
        org(POST, "/exhibitors/{exhibitorId}/products", CONTENT_WRITE);
        org(DELETE, "/exhibitors/{exhibitorId}/products/{productId}", CONTENT_WRITE);
        org(GET, "/exhibitors/{exhibitorId}/booth-qr", ANALYTICS_READ);
        org(PUT, "/exhibitors/{exhibitorId}/staff/{userId}", TEAM_MANAGE);
        org(DELETE, "/exhibitors/{exhibitorId}/staff/{userId}", TEAM_MANAGE);
        org(GET, "/exhibitors/{exhibitorId}/leads", LEADS_READ);
        org(GET, "/exhibitors/{exhibitorId}/leads/export", LEADS_READ);
        // working their own leads: an exhibitor's staff move them along the follow-up, scoped as reading them
        org(PUT, "/exhibitors/{exhibitorId}/leads/{leadId}/stage", LEADS_READ);
        org(POST, "/inbound-messages", CONTENT_WRITE);

        org(GET, "/users", TEAM_READ);
        org(POST, "/invitations", TEAM_MANAGE);
        org(POST, "/users/{userId}/invitation", TEAM_MANAGE);
        org(PUT, "/users/{userId}/roles", TEAM_MANAGE);
        org(DELETE, "/users/{userId}", TEAM_MANAGE);
        org(GET, "/api-keys", TEAM_MANAGE);
        org(POST, "/api-keys", TEAM_MANAGE);
        org(POST, "/api-keys/{keyId}/rotation", TEAM_MANAGE);
        org(DELETE, "/api-keys/{keyId}", TEAM_MANAGE);
        org(GET, "/audit-log", AUDIT_READ);
        org(POST, "/contacts/{contactId}/erasure", PRIVACY_MANAGE);
        org(GET, "/contacts/{contactId}/export", PRIVACY_MANAGE);
        org(GET, "/settings/message-retention", PRIVACY_MANAGE);
        org(PUT, "/settings/message-retention", PRIVACY_MANAGE);
        org(GET, "/settings/consent-words", PRIVACY_MANAGE);
        org(PUT, "/settings/consent-words", PRIVACY_MANAGE);
        org(GET, "/settings/utility-to-opted-out", PRIVACY_MANAGE);
        org(PUT, "/settings/utility-to-opted-out", PRIVACY_MANAGE);

        org(GET, "/settings/whatsapp-account", SETTINGS_MANAGE);
        org(PUT, "/settings/whatsapp-account", SETTINGS_MANAGE);
        org(GET, "/settings/handover", SETTINGS_MANAGE);
        org(PUT, "/settings/handover", SETTINGS_MANAGE);

        // The inbox: reading it is reading conversations; acting in it is answering them (a staff member only,
        // checked by the inbox itself: an API key is let through here and refused there with 422 agent_required).
        org(GET, "/inbox", CONTACTS_READ);
        org(GET, "/inbox/{conversationId}", CONTACTS_READ);
        org(POST, "/inbox/{conversationId}/takeover", CONVERSATIONS_WRITE);
        org(POST, "/inbox/{conversationId}/assignment", CONVERSATIONS_WRITE);
        org(POST, "/inbox/{conversationId}/replies", CONVERSATIONS_WRITE);
        org(POST, "/inbox/{conversationId}/notes", CONVERSATIONS_WRITE);
        org(POST, "/inbox/{conversationId}/handback", CONVERSATIONS_WRITE);
        org(POST, "/inbox/{conversationId}/close", CONVERSATIONS_WRITE);

        org(GET, "/templates", CONTENT_WRITE);
        org(GET, "/templates/{templateId}", CONTENT_WRITE);
        org(POST, "/templates", CONTENT_WRITE);
        org(DELETE, "/templates/{templateId}", CONTENT_WRITE);
        org(POST, "/templates/sync", CONTENT_WRITE);
        org(POST, "/templates/{templateId}/messages", CONVERSATIONS_WRITE);

        rules.anyRequest().denyAll();
    }

    /**
     * The dashboard's pages ({@link PageSecurityConfiguration#PAGES}). A page shows the member's own organization,
     * so it needs only the permission; a page's CSV export and its htmx fragments are the same operation as the page.
     */
    static void pages(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules,
                      PageAccess access) {
        new Pages(rules, access).all();
    }

    /**
     * The platform operator's pages ({@link OperatorSecurityConfiguration}): the sign-in form for anyone, the rest for
     * the platform alone; a staff member's session is refused them like everything not listed.
     */
    static void operator(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        // a refused sign-in is shown by forwarding to the form; errors render what the request was allowed to cause
        rules.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll();
        // the form's POST and the logout are Spring Security's own filters
        rules.requestMatchers(paths.matcher(GET, OperatorSignIn.LOGIN_PAGE)).permitAll();
        rules.requestMatchers(paths.matcher(GET, OperatorSignIn.HOME))
                .hasAuthority(Permission.PLATFORM.getAuthority());
        rules.anyRequest().denyAll();
    }

    private static final class Pages {
        private final AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules;
        private final PageAccess access;
        private final PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();

        Pages(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules, PageAccess access) {
            this.rules = rules;
            this.access = access;
        }

        private void all() {
            // Anyone: the login form (its POST and the logout are Spring Security's own filters), the page an
            // invitation link opens, and static assets.
            for (String pattern : new String[] {"/login", "/invitation", "/assets/**", "/webjars/**", "/favicon.ico"}) {
                rules.requestMatchers(paths.matcher(GET, pattern)).permitAll();
            }
            // setting a password with an invitation's one-time token (which is the credential here)
            rules.requestMatchers(paths.matcher(POST, "/invitation")).permitAll();
            // A HypeCard's public page: anyone with the link sees the card and its image, and may count a share
            rules.requestMatchers(paths.matcher(GET, "/c/{shareCode}"), paths.matcher(GET, "/c/{shareCode}/card.png"),
                    paths.matcher(POST, "/c/{shareCode}/shares")).permitAll();
            rules.requestMatchers(paths.matcher(GET, "/"), paths.matcher(GET, "/app")).access(access.anyMember());

            page(GET, "/app/wallet", WALLET_READ);
            page(GET, "/app/payments", PAYMENTS_WRITE);
            page(POST, "/app/payments/top-ups", WALLET_WRITE);

            page(GET, "/app/inbox", CONTACTS_READ);
            page(GET, "/app/inbox/{sessionId}", CONTACTS_READ);
            page(POST, "/app/inbox/{sessionId}/takeover", CONVERSATIONS_WRITE);
            page(POST, "/app/inbox/{sessionId}/assignment", CONVERSATIONS_WRITE);
            page(POST, "/app/inbox/{sessionId}/replies", CONVERSATIONS_WRITE);
            page(POST, "/app/inbox/{sessionId}/notes", CONVERSATIONS_WRITE);
            page(POST, "/app/inbox/{sessionId}/handback", CONVERSATIONS_WRITE);
            page(POST, "/app/inbox/{sessionId}/close", CONVERSATIONS_WRITE);
            // surveys and funnels: reading them, and (content) writing them; "new" before the survey's own page
            page(GET, "/app/surveys", ANALYTICS_READ);
            page(GET, "/app/surveys/new", CONTENT_WRITE);
            page(POST, "/app/surveys/new", CONTENT_WRITE);
            page(GET, "/app/surveys/{surveyId}", ANALYTICS_READ);
            page(GET, "/app/surveys/{surveyId}/responses/{responseId}/attachments/{questionId}", ANALYTICS_READ);
            page(GET, "/app/surveys/{surveyId}/edit", CONTENT_WRITE);
            page(POST, "/app/surveys/{surveyId}/edit", CONTENT_WRITE);
            page(POST, "/app/surveys/{surveyId}/archive", CONTENT_WRITE);
            page(GET, "/app/funnels", ANALYTICS_READ);
            page(POST, "/app/funnels", CONTENT_WRITE);
            page(POST, "/app/funnels/{key}/delete", CONTENT_WRITE);
            // step sets: read as the API's GET step-sets (the list and its live part), changed as its PUT and DELETE
            page(GET, "/app/step-sets", ANALYTICS_READ);
            page(GET, "/app/step-sets/progress", ANALYTICS_READ);
            page(POST, "/app/step-sets", CONTENT_WRITE);
            page(POST, "/app/step-sets/templates", CONTENT_WRITE);
            page(POST, "/app/step-sets/{key}/delete", CONTENT_WRITE);
            page(GET, "/app/engagement", ANALYTICS_READ);
            // contacts, a contact's profile and transcripts; tags and attributes as the API's conversations:write
            page(GET, "/app/contacts", CONTACTS_READ);
            page(GET, "/app/contacts/{contactId}", CONTACTS_READ);
            page(GET, "/app/contacts/{contactId}/conversations/{conversationId}", CONTACTS_READ);
            page(POST, "/app/contacts/{contactId}/tags", CONVERSATIONS_WRITE);
            page(POST, "/app/contacts/{contactId}/tags/removal", CONVERSATIONS_WRITE);
            page(POST, "/app/contacts/{contactId}/attributes", CONVERSATIONS_WRITE);
            page(POST, "/app/contacts/{contactId}/attributes/removal", CONVERSATIONS_WRITE);
            // the team and its keys: seen by owners and admins, managed by owners
            page(GET, "/app/team", TEAM_READ);
            page(POST, "/app/team/invitations", TEAM_MANAGE);
            page(POST, "/app/team/members/{userId}/roles", TEAM_MANAGE);
            page(POST, "/app/team/members/{userId}/deactivation", TEAM_MANAGE);
            page(POST, "/app/team/members/{userId}/invitation", TEAM_MANAGE);
            page(POST, "/app/team/keys", TEAM_MANAGE);
            page(POST, "/app/team/keys/{keyId}/rotation", TEAM_MANAGE);
            page(POST, "/app/team/keys/{keyId}/revocation", TEAM_MANAGE);
            page(GET, "/app/audit", AUDIT_READ);
            // templates, broadcasts (the literal "new" paths before the {broadcastId} ones), events
            page(GET, "/app/templates", CONTENT_WRITE);
            page(POST, "/app/templates", CONTENT_WRITE);
            page(POST, "/app/templates/sync", CONTENT_WRITE);
            page(GET, "/app/broadcasts", ANALYTICS_READ);
            page(GET, "/app/broadcasts/new", CONTENT_WRITE);
            page(GET, "/app/broadcasts/new/cost", CONTENT_WRITE);
            page(POST, "/app/broadcasts", CONTENT_WRITE);
            page(GET, "/app/broadcasts/{broadcastId}", ANALYTICS_READ);
            page(POST, "/app/broadcasts/{broadcastId}/send", CONTENT_WRITE);
            page(POST, "/app/broadcasts/{broadcastId}/schedule", CONTENT_WRITE);
            page(POST, "/app/broadcasts/{broadcastId}/cancel", CONTENT_WRITE);
            // polls: read with analytics (the list, a poll's page and its live results), created and closed as content
            page(GET, "/app/polls", ANALYTICS_READ);
            page(POST, "/app/polls", CONTENT_WRITE);
            page(GET, "/app/polls/{pollId}", ANALYTICS_READ);
            page(GET, "/app/polls/{pollId}/results", ANALYTICS_READ);
            page(POST, "/app/polls/{pollId}/close", CONTENT_WRITE);
            // content programs: read with analytics (the list, a program with its figures), changed as content
            page(GET, "/app/programs", ANALYTICS_READ);
            page(POST, "/app/programs", CONTENT_WRITE);
            page(GET, "/app/programs/{programId}", ANALYTICS_READ);
            page(POST, "/app/programs/{programId}/items", CONTENT_WRITE);
            page(POST, "/app/programs/{programId}/items/{itemId}/remove", CONTENT_WRITE);
            page(POST, "/app/programs/{programId}/archive", CONTENT_WRITE);
            // knowledge bases: read with analytics (the list with the questions asked, one knowledge base), changed as
            // content; trying a question is content too, as the API's POST …/knowledge-bases/answers
            page(GET, "/app/knowledge", ANALYTICS_READ);
            page(POST, "/app/knowledge", CONTENT_WRITE);
            page(GET, "/app/knowledge/{knowledgeBaseId}", ANALYTICS_READ);
            page(POST, "/app/knowledge/{knowledgeBaseId}/faq-items", CONTENT_WRITE);
            page(POST, "/app/knowledge/{knowledgeBaseId}/faq-items/{faqId}/remove", CONTENT_WRITE);
            page(POST, "/app/knowledge/{knowledgeBaseId}/documents", CONTENT_WRITE);
            page(POST, "/app/knowledge/{knowledgeBaseId}/documents/{documentId}/remove", CONTENT_WRITE);
            page(POST, "/app/knowledge/{knowledgeBaseId}/answers", CONTENT_WRITE);
            // HypeCards: templates and the most viewed cards, read with analytics
            page(GET, "/app/hypecards", ANALYTICS_READ);
            page(GET, "/app/events", ANALYTICS_READ);
            page(POST, "/app/events", CONTENT_WRITE);
            page(GET, "/app/events/{eventId}", ANALYTICS_READ);
            page(POST, "/app/events/{eventId}/ticket-types", CONTENT_WRITE);
            // an event's agenda: read with analytics, changed as content
            page(GET, "/app/events/{eventId}/agenda", ANALYTICS_READ);
            page(POST, "/app/events/{eventId}/agenda/sessions", CONTENT_WRITE);
            page(POST, "/app/events/{eventId}/agenda/speakers", CONTENT_WRITE);
            page(POST, "/app/events/{eventId}/agenda/sessions/{sessionId}/speakers", CONTENT_WRITE);
            page(POST, "/app/events/{eventId}/agenda/sessions/{sessionId}/cancel", CONTENT_WRITE);
            // the gate: choosing an event's gate, scanning its tickets, its live counts
            page(GET, "/app/gate", CHECK_IN);
            page(GET, "/app/events/{eventId}/gate", CHECK_IN);
            page(POST, "/app/events/{eventId}/gate", CHECK_IN);
            // exhibitors of an event: read with analytics, added as content; leads: leads:read, scoped by the page
            page(GET, "/app/events/{eventId}/exhibitors", ANALYTICS_READ);
            page(POST, "/app/events/{eventId}/exhibitors", CONTENT_WRITE);
            page(POST, "/app/exhibitors/{exhibitorId}/products", CONTENT_WRITE);
            page(GET, "/app/exhibitors/{exhibitorId}/booth-qr", ANALYTICS_READ);
            page(GET, "/app/leads", LEADS_READ);
            page(GET, "/app/exhibitors/{exhibitorId}/leads", LEADS_READ);

            rules.anyRequest().denyAll();
        }

        private void page(HttpMethod method, String pattern, Permission permission) {
            rules.requestMatchers(paths.matcher(method, pattern)).access(access.requires(permission));
        }
    }

    private void anyone(HttpMethod method, String... patterns) {
        for (String pattern : patterns) {
            rules.requestMatchers(paths.matcher(method, pattern)).permitAll();
        }
    }

    private void org(HttpMethod method, String suffix, Permission permission) {
        rules.requestMatchers(paths.matcher(method, ORG + suffix)).access(tenant.requires(permission));
    }

    private static AuthorizationManager<RequestAuthorizationContext> staffOnly() {
        return (authentication, context) -> new AuthorizationDecision(authentication.get() instanceof CrmAuthentication
                caller && caller.getPrincipal().kind() == CrmPrincipal.Kind.STAFF);
    }
}
