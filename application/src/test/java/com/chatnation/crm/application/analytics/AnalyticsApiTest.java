package com.chatnation.crm.application.analytics;

import com.chatnation.crm.application.support.AdminClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The analytics endpoints' authentication, validation and funnel definitions, over real HTTP on PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalyticsApiTest {

    private static final Map<String, Object> SIGNUP_FUNNEL = Map.of("name", "Signup to paid",
            "steps", List.of("signup", "activation", "trial", "paid"), "conversionWindow", "P30D");

    @LocalServerPort
    int port;

    private Organizations org;
    private Organizations other;
    /** The organization's owner, logged in: may read and define funnels. */
    private ApiClient api;

    @BeforeEach
    void setUp() {
        AdminClient admin = new AdminClient("http://localhost:" + port);
        org = Organizations.onboard(admin);
        other = Organizations.onboard(admin);
        api = new ApiClient(port, org.ownerToken());
    }

    /** Each endpoint, called by the given client. */
    private List<ApiClient.Response> everyEndpoint(ApiClient client) {
        List<Function<ApiClient, ApiClient.Response>> calls = List.of(
                c -> c.get(org.path("/funnels")),
                c -> c.get(org.path("/funnels/engagement?from=2025-03-01&to=2025-03-31")),
                c -> c.put(org.path("/funnels/signup"), SIGNUP_FUNNEL),
                c -> c.delete(org.path("/funnels/signup")),
                c -> c.get(org.path("/survey-funnels/some-survey?from=2025-03-01&to=2025-03-31")),
                c -> c.get(org.path("/rollups/daily?from=2025-03-01&to=2025-03-31")));
        List<ApiClient.Response> responses = new ArrayList<>();
        calls.forEach(call -> responses.add(call.apply(client)));
        return responses;
    }

    @Test
    void everyEndpointNeedsTheOrganizationsOwnKey() {
        assertThat(everyEndpoint(new ApiClient(port, null))).extracting(ApiClient.Response::status)
                .containsOnly(401);
        assertThat(everyEndpoint(new ApiClient(port, other.apiKey()))).extracting(ApiClient.Response::status)
                .containsOnly(403);
        assertThat(everyEndpoint(new ApiClient(port, other.ownerToken()))).extracting(ApiClient.Response::status)
                .containsOnly(403);
        assertThat(everyEndpoint(new ApiClient(port, "crm_not-a-key"))).extracting(ApiClient.Response::status)
                .containsOnly(401);
        // nothing was defined by the refused calls
        assertThat(api.get(org.path("/funnels")).body().path("funnels")).extracting(f -> f.path("key").asText())
                .containsExactly("engagement", "tickets");
        // the organization's own onboarding key reads but does not define funnels
        assertThat(everyEndpoint(new ApiClient(port, org.apiKey()))).extracting(ApiClient.Response::status)
                .containsExactly(200, 200, 403, 403, 404, 200);
        assertThat(api.get(org.path("/funnels")).body().path("funnels")).extracting(f -> f.path("key").asText())
                .containsExactly("engagement", "tickets");
        // and the owner gets answers
        assertThat(everyEndpoint(api)).extracting(ApiClient.Response::status)
                .containsExactly(200, 200, 200, 204, 404, 200);
    }

    @Test
    void badParametersAreRefusedWithAClearMessage() {
        assertBadRequest(api.get(org.path("/funnels/engagement?from=2025-13-01")), "from '2025-13-01' is not a date");
        assertBadRequest(api.get(org.path("/funnels/engagement?from=2025-03-01&to=yesterday")), "to 'yesterday'");
        assertBadRequest(api.get(org.path("/funnels/engagement?from=2025-03-10&to=2025-03-01")),
                "from (2025-03-10) is after to (2025-03-01)");
        assertBadRequest(api.get(org.path("/funnels/engagement?from=2024-01-01&to=2025-03-01")),
                "the maximum is 366");
        assertBadRequest(api.get(org.path("/funnels/nope?from=2025-03-01&to=2025-03-31")),
                "unknown funnel 'nope'");
        assertBadRequest(api.get(org.path("/funnels/engagement?breakdown=weekday")),
                "unknown breakdown 'weekday'; use one of none, source, cohort");
        assertBadRequest(api.get(org.path("/survey-funnels/s-1?from=2025-04-01&to=2025-03-01")), "is after");
        assertBadRequest(api.get(org.path("/survey-funnels/s-1?to=2025-02-30")), "to '2025-02-30'");
        assertBadRequest(api.get(org.path("/rollups/daily?from=2025-01-01&to=2026-06-01")), "the maximum is 366");
        assertBadRequest(api.get(org.path("/rollups/daily?metric=messages.in,bogus")), "unknown metric 'bogus'");

        assertBadRequest(api.put(org.path("/funnels/one-step"), Map.of("name", "x", "steps", List.of("signup"),
                "conversionWindow", "P1D")), "steps must list 2 to 10");
        assertBadRequest(api.put(org.path("/funnels/twice"), Map.of("name", "x", "steps",
                List.of("signup", "signup"), "conversionWindow", "P1D")), "appears twice");
        assertBadRequest(api.put(org.path("/funnels/window"), Map.of("name", "x", "steps",
                List.of("signup", "paid"), "conversionWindow", "7 days")), "not an ISO-8601 duration");
        assertBadRequest(api.put(org.path("/funnels/window"), Map.of("name", "x", "steps",
                List.of("signup", "paid"), "conversionWindow", "P400D")), "between 1 minute");
        assertBadRequest(api.put(org.path("/funnels/Bad_Key"), SIGNUP_FUNNEL), "funnel key must be");
        assertBadRequest(api.put(org.path("/funnels/steps"), Map.of("name", "x", "steps",
                List.of("signup", "has space"), "conversionWindow", "P1D")), "'has space' is not a valid step");
        assertThat(api.put(org.path("/funnels/empty"), "not an object").status()).isEqualTo(400);

        assertThat(api.get(org.path("/survey-funnels/no-such-survey")).status()).isEqualTo(404);
        assertThat(api.delete(org.path("/funnels/never-defined")).status()).isEqualTo(404);
    }

    @Test
    void customFunnelsAreDefinedReplacedAndRemovedPerOrganization() {
        ApiClient.Response defined = api.put(org.path("/funnels/signup"), SIGNUP_FUNNEL);
        assertThat(defined.status()).isEqualTo(200);
        assertThat(defined.body().path("steps")).extracting(JsonNode::asText)
                .containsExactly("signup", "activation", "trial", "paid");
        assertThat(defined.body().path("conversionWindow").asText()).isEqualTo("P30D");
        assertThat(defined.body().path("conversionWindowSeconds").asLong()).isEqualTo(30 * 86_400L);
        assertThat(defined.body().path("builtIn").asBoolean()).isFalse();

        ApiClient.Response computed = api.get(org.path("/funnels/signup?from=2025-03-01&to=2025-03-31&breakdown=cohort"));
        assertThat(computed.status()).isEqualTo(200);
        assertThat(computed.body().path("funnel").path("name").asText()).isEqualTo("Signup to paid");
        assertThat(computed.body().path("from").asText()).isEqualTo("2025-03-01");
        assertThat(computed.body().path("breakdown").asText()).isEqualTo("cohort");
        assertThat(computed.body().path("contacts").asLong()).isZero();
        assertThat(computed.body().path("steps")).extracting(s -> s.path("step").asText() + "=" + s.path("entered"))
                .containsExactly("signup=0", "activation=0", "trial=0", "paid=0");

        assertThat(api.put(org.path("/funnels/signup"), Map.of("name", "Signup to trial",
                "steps", List.of("signup", "trial"), "conversionWindow", "PT12H")).status()).isEqualTo(200);
        assertThat(api.put(org.path("/funnels/engagement"), Map.of("name", "Engagement (menu first)",
                "steps", List.of("menu_opened", "survey_started"), "conversionWindow", "P2D")).status())
                .isEqualTo(200);

        JsonNode funnels = api.get(org.path("/funnels")).body();
        assertThat(funnels.path("funnels")).extracting(f -> f.path("key").asText() + ":" + f.path("builtIn").asBoolean()
                        + ":" + f.path("conversionWindow").asText())
                .containsExactly("engagement:false:P2D", "tickets:true:P1D", "signup:false:PT12H");
        assertThat(funnels.path("knownSteps")).extracting(JsonNode::asText).contains("first_message", "tickets_paid");
        assertThat(new ApiClient(port, other.apiKey()).get(other.path("/funnels")).body().path("funnels"))
                .extracting(f -> f.path("key").asText() + ":" + f.path("builtIn").asBoolean())
                .containsExactly("engagement:true", "tickets:true");

        assertThat(api.delete(org.path("/funnels/engagement")).status()).isEqualTo(204);
        assertThat(api.delete(org.path("/funnels/signup")).status()).isEqualTo(204);
        assertThat(api.get(org.path("/funnels")).body().path("funnels"))
                .extracting(f -> f.path("key").asText() + ":" + f.path("builtIn").asBoolean())
                .containsExactly("engagement:true", "tickets:true");
        assertThat(api.get(org.path("/funnels/signup")).status()).isEqualTo(400);
    }

    @Test
    void rollupsListEveryDayOfTheRange() {
        ApiClient.Response rollups = api.get(org.path("/rollups/daily?from=2025-03-01&to=2025-03-03&metric=messages.in"));

        assertThat(rollups.status()).isEqualTo(200);
        assertThat(rollups.body().path("metrics")).extracting(JsonNode::asText).containsExactly("messages.in");
        assertThat(rollups.body().path("days")).extracting(d -> d.path("day").asText())
                .containsExactly("2025-03-01", "2025-03-02", "2025-03-03");
        assertThat(rollups.body().path("totals").isEmpty()).isTrue();
    }

    @Test
    void theEndpointsAreDescribedInTheOpenApiDocument() {
        ApiClient.Response docs = new ApiClient(port, null).get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.body().path("paths");
        assertThat(paths.has("/api/v1/orgs/{orgId}/funnels")).isTrue();
        assertThat(paths.path("/api/v1/orgs/{orgId}/funnels/{key}").has("put")).isTrue();
        assertThat(paths.path("/api/v1/orgs/{orgId}/funnels/{key}").path("get").path("responses").has("400")).isTrue();
        assertThat(paths.has("/api/v1/orgs/{orgId}/survey-funnels/{surveyId}")).isTrue();
        assertThat(paths.path("/api/v1/orgs/{orgId}/rollups/daily").path("get").path("summary").asText())
                .isEqualTo("Daily rollups for a date range");
    }

    private static void assertBadRequest(ApiClient.Response response, String detail) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
        assertThat(response.detail()).contains(detail);
    }
}
