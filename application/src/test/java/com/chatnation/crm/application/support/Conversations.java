package com.chatnation.crm.application.support;

import java.util.List;
import java.util.Map;

/** Builds an organization with prices, tokens, a survey and an event, and talks to its bot as contacts. */
public final class Conversations {

    private final AdminClient platform;
    /** The organization's owner, logged in. */
    public final AdminClient admin;
    public final String organizationId;
    /** The organization's WhatsApp number, for webhooks. */
    public final String phoneNumberId;

    public Conversations(AdminClient platform, long tokens) {
        this(platform, tokens, List.of());
    }

    /** @param morePrices price list entries ({module, action, tokens}) beyond the bot's replies' */
    public Conversations(AdminClient platform, long tokens, List<Map<String, Object>> morePrices) {
        this.platform = platform;
        phoneNumberId = AdminClient.randomPhoneNumberId();
        List<Map<String, Object>> prices = new java.util.ArrayList<>(List.of(
                Map.of("module", "general", "action", "reply", "tokens", 1),
                Map.of("module", "surveys", "action", "reply", "tokens", 2),
                Map.of("module", "events", "action", "reply", "tokens", 1),
                Map.of("module", "events", "action", "ticket_issued", "tokens", 1)));
        prices.addAll(morePrices);
        AdminClient.Onboarded created = platform.onboard(Map.of(
                "name", "Flow test org",
                "phoneNumberId", phoneNumberId,
                "prices", prices,
                "lowBalanceThreshold", 0));
        organizationId = created.organizationId();
        admin = created.owner();
        if (tokens > 0) {
            purchase("initial", tokens);
        }
    }

    public AdminClient.Response purchase(String reference, long tokens) {
        return platform.post(platformPath("/wallet/purchases"), Map.of("paymentReference", reference, "amount", tokens));
    }

    public long balance() {
        return platform.get(platformPath("/wallet")).body().path("balance").asLong();
    }

    public AdminClient.Response says(String phone, String text) {
        AdminClient.Response response = admin.post(path("/inbound-messages"), Map.of("from", phone, "text", text));
        if (response.status() != 202) {
            throw new AssertionError("message refused: " + response);
        }
        return response;
    }

    public AdminClient.Response taps(String phone, String id, String title, boolean listRow) {
        AdminClient.Response response = admin.post(path("/inbound-messages"), Map.of("from", phone,
                listRow ? "listReply" : "buttonReply", Map.of("id", id, "title", title)));
        if (response.status() != 202) {
            throw new AssertionError("message refused: " + response);
        }
        return response;
    }

    public String publishFeedbackSurvey(String keyword) {
        AdminClient.Response published = admin.post(path("/surveys"), Map.of(
                "title", "Event feedback",
                "intro", "Thanks for coming!",
                "thankYou", "Thank you, your feedback helps us!",
                "keywords", List.of(keyword),
                "questions", List.of(
                        Map.of("id", "q1", "text", "How would you rate the event?", "type", "RATING", "required", true),
                        Map.of("id", "q2", "text", "Would you come again?", "type", "YES_NO", "required", true,
                                "skipRules", List.of(Map.of("condition", "EQUALS", "values", List.of("no"), "goTo", "q4"))),
                        Map.of("id", "q3", "text", "What did you like most?", "type", "FREE_TEXT", "required", true),
                        Map.of("id", "q4", "text", "Anything else to tell us?", "type", "FREE_TEXT", "required", false))));
        if (published.status() != 201) {
            throw new AssertionError("survey refused: " + published);
        }
        return published.text("surveyId");
    }

    public String createEvent(String name, int vipTickets) {
        AdminClient.Response created = admin.post(path("/events"), Map.of(
                "name", name, "venue", "KICC", "startsAt", "2031-03-01T09:00:00Z",
                "ticketTypes", List.of(Map.of("ticketTypeId", "vip", "name", "VIP", "price", 5000, "currency", "KES",
                        "quantityAvailable", vipTickets))));
        if (created.status() != 201) {
            throw new AssertionError("event refused: " + created);
        }
        return created.text("eventId");
    }

    /** A path of the organization's own API, for its owner. */
    public String path(String suffix) {
        return "/api/v1/orgs/" + organizationId + suffix;
    }

    /** A path of the platform operator's API about this organization. */
    public String platformPath(String suffix) {
        return "/admin/organizations/" + organizationId + suffix;
    }
}
