package com.chatnation.crm.application.platform.web;

import com.chatnation.crm.application.support.AdminClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that once ended in a 500, and what they get now: a 400 naming the field or parameter. Null elements
 * in request lists are refused before any code meets them; control characters in parameters likewise.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestValidationIntegrationTest {

    @LocalServerPort
    int port;

    AdminClient platform;
    AdminClient.Onboarded org;

    @BeforeEach
    void organization() {
        platform = new AdminClient("http://localhost:" + port);
        org = platform.onboard(Map.of("name", "Validation " + UUID.randomUUID(),
                "phoneNumberId", AdminClient.randomPhoneNumberId(), "lowBalanceThreshold", 0));
    }

    @Test
    void aNullQuestionIsA400NamingIt() {
        AdminClient.Response response = org.owner().postRaw(org.path("/surveys"),
                "{\"title\":\"T\",\"questions\":[null]}");
        assertInvalid(response, "questions[0]");
    }

    @Test
    void nullOptionsSkipRulesAndKeywordsAreA400NamingThem() {
        assertInvalid(org.owner().postRaw(org.path("/surveys"), """
                {"title":"T","questions":[{"id":"q1","text":"Pick","type":"SINGLE_CHOICE","required":true,
                 "options":[{"id":"a","label":"A"},null]}]}"""), "questions[0].options[1]");
        assertInvalid(org.owner().postRaw(org.path("/surveys"), """
                {"title":"T","questions":[{"id":"q1","text":"Yes?","type":"YES_NO","required":true,
                 "skipRules":[null]}]}"""), "questions[0].skipRules[0]");
        assertInvalid(org.owner().postRaw(org.path("/surveys"), """
                {"title":"T","questions":[{"id":"q1","text":"Yes?","type":"YES_NO","required":true}],
                 "keywords":["go",null]}"""), "keywords[1]");
    }

    @Test
    void nullTicketTypesStepsRolesAndPricesAreA400() {
        assertInvalid(org.owner().postRaw(org.path("/events"),
                "{\"name\":\"Gig\",\"startsAt\":\"2030-01-01T18:00:00Z\",\"ticketTypes\":[null]}"), "ticketTypes[0]");
        assertInvalid(send(org.owner(), "PUT", org.path("/funnels/custom"),
                "{\"steps\":[\"first_message\",null]}"), "steps[1]");
        assertInvalid(org.owner().postRaw(org.path("/invitations"),
                "{\"email\":\"x@example.com\",\"roles\":[null]}"), "roles[0]");
        assertInvalid(org.owner().postRaw(org.path("/api-keys"), "{\"name\":\"k\",\"scopes\":[null]}"), "scopes[0]");
        AdminClient.Response prices = platform.postRaw("/admin/organizations", """
                {"name":"P","phoneNumberId":"%s","lowBalanceThreshold":0,"prices":[null],
                 "owner":{"email":"p-%s@example.com"}}""".formatted(AdminClient.randomPhoneNumberId(), UUID.randomUUID()));
        assertThat(prices.status()).isEqualTo(400);
        assertThat(prices.body().toString()).contains("prices[0]");
    }

    @Test
    void aNulOrALoneSurrogateInABodyStringIsA400NamingTheField() {
        assertInvalid(org.owner().postRaw(org.path("/inbound-messages"),
                "{\"from\":\"+254700000001\",\"text\":\"he\\u0000llo\"}"), "text");
        assertInvalid(org.owner().postRaw(org.path("/surveys"), """
                {"title":"T\\ud800","questions":[{"id":"q1","text":"Yes?","type":"YES_NO","required":true}]}"""),
                "title");
    }

    @Test
    void aNulInTheContactSearchIsA400NamingTheParameter() {
        AdminClient.Response response = org.owner().get(org.path("/contacts?q=%00"));
        assertInvalid(response, "q");
        assertThat(response.text("detail")).contains("U+0000");
    }

    @Test
    void controlCharactersInAnyParameterAreA400() {
        assertInvalid(org.owner().get(org.path("/wallet/transactions?module=a%01b")), "module");
        assertInvalid(org.owner().get(org.path("/audit-log?actorId=%1F")), "actorId");
        assertInvalid(platform.get("/admin/quarantine?reason=%7F"), "reason");
        assertInvalid(org.owner().get(org.path("/funnels/engagement?from=2026-01-01%0A")), "from");
    }

    @Test
    void otherMalformedParametersAre400NotServerErrors() {
        assertThat(org.owner().get(org.path("/contacts?limit=-1")).status()).isEqualTo(400);
        assertThat(org.owner().get(org.path("/contacts?limit=99999999999999999999")).status()).isEqualTo(400);
        assertThat(org.owner().get(org.path("/contacts?after=not-a-cursor")).status()).isEqualTo(400);
        assertThat(org.owner().get(org.path("/wallet/transactions?from=2026-13-45")).status()).isEqualTo(400);
        assertThat(org.owner().get(org.path("/contacts/not-a-uuid")).status()).isBetween(400, 404);
    }

    private static void assertInvalid(AdminClient.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.text("code")).isEqualTo("invalid_request");
        assertThat(response.body().path("errors").findValuesAsText("field")).as(response.toString()).contains(field);
    }

    private AdminClient.Response send(AdminClient client, String method, String path, String body) {
        return method.equals("PUT") ? client.putRaw(path, body) : client.postRaw(path, body);
    }
}
