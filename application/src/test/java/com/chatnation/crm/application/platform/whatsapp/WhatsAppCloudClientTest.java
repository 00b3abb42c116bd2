package com.chatnation.crm.application.platform.whatsapp;

import com.chatnation.crm.application.support.BoundProperties;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.messaging.OutboundReply.Choice;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.chatnation.crm.application.platform.whatsapp.FakeGraphApi.answer;
import static com.chatnation.crm.application.platform.whatsapp.FakeGraphApi.graphError;
import static com.chatnation.crm.application.platform.whatsapp.FakeGraphApi.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WhatsAppCloudClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "EAAGtestSecretToken0123456789";
    private static final SendingNumber FROM = new SendingNumber("106540352242922", TOKEN);
    private static final PhoneNumber TO = PhoneNumber.of("+254712345678");
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private FakeGraphApi graph;
    private VirtualTime time;

    @BeforeEach
    void startServer() throws IOException {
        graph = new FakeGraphApi();
        time = new VirtualTime();
    }

    @AfterEach
    void stopServer() {
        graph.close();
    }

    /** The test's settings, with some of them ({@code crm.whatsapp.*} names and values, in pairs) changed. */
    private WhatsAppProperties properties(String... changes) {
        Map<String, String> properties = new LinkedHashMap<>(Map.of(
                "crm.whatsapp.base-url", graph.baseUrl() + "/",
                "crm.whatsapp.connect-timeout", "2s",
                "crm.whatsapp.request-timeout", "5s",
                "crm.whatsapp.max-attempts", "4",
                "crm.whatsapp.retry-base-delay", "400ms",
                "crm.whatsapp.retry-max-delay", "5s"));
        for (int i = 0; i < changes.length; i += 2) {
            properties.put("crm.whatsapp." + changes[i], changes[i + 1]);
        }
        return BoundProperties.bind("crm.whatsapp", WhatsAppProperties.class, properties);
    }

    private WhatsAppCloudClient client(WhatsAppProperties properties) {
        return new WhatsAppCloudClient(properties,
                HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build(),
                new SendRateLimiter(properties.messagesPerSecond(), properties.burst(), time, time),
                time, Clock.fixed(NOW, ZoneOffset.UTC), () -> 0.5);
    }

    private WhatsAppCloudClient client() {
        return client(properties());
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    // --- request shape ---------------------------------------------------------------------------------------

    @Test
    void sendsATextMessageAndReturnsTheWamid() throws IOException {
        graph.script(sent("wamid.HBgMMjU0NzEyMzQ1Njc4FQIAERgS"));

        SendResult result = client().send(FROM, TO, new OutboundReply.Text("Karibu! How can we help?"));

        assertThat(result).isEqualTo(new SendResult.Sent("wamid.HBgMMjU0NzEyMzQ1Njc4FQIAERgS"));
        assertThat(graph.requests()).hasSize(1);
        FakeGraphApi.Request request = graph.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v21.0/106540352242922/messages");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(json(request.body())).isEqualTo(json("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"254712345678",
                 "type":"text","text":{"body":"Karibu! How can we help?","preview_url":false}}"""));
    }

    @Test
    void usesTheConfiguredApiVersion() {
        graph.script(sent("wamid.1"));

        client(properties("api-version", "v19.0")).send(FROM, TO, new OutboundReply.Text("hi"));

        assertThat(graph.requests().get(0).path()).isEqualTo("/v19.0/106540352242922/messages");
    }

    @Test
    void sendsReplyButtonsWithOverlongTitlesShortened() throws IOException {
        graph.script(sent("wamid.2"));

        client().send(FROM, TO, new OutboundReply.Buttons("Pick a time", List.of(
                new Choice("slot:morning", "Morning"),
                new Choice("slot:afternoon", "Afternoon after lunch break"),
                new Choice("slot:evening", "Evening"))));

        assertThat(json(graph.requests().get(0).body())).isEqualTo(json("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"254712345678",
                 "type":"interactive",
                 "interactive":{"type":"button","body":{"text":"Pick a time"},
                   "action":{"buttons":[
                     {"type":"reply","reply":{"id":"slot:morning","title":"Morning"}},
                     {"type":"reply","reply":{"id":"slot:afternoon","title":"Afternoon after lun\u2026"}},
                     {"type":"reply","reply":{"id":"slot:evening","title":"Evening"}}]}}}"""));
    }

    @Test
    void sendsAListWithOverlongTextShortenedAndNoEmptyDescriptions() throws IOException {
        graph.script(sent("wamid.3"));
        String longDescription = "x".repeat(80);

        client().send(FROM, TO, new OutboundReply.ChoiceList("Which event?", "Choose an event please now", List.of(
                new Choice("event-1", "Nairobi Jazz Night", "Saturday 8pm"),
                new Choice("event-2", "Mombasa Beach Festival 2026", longDescription),
                new Choice("event-3", "Kisumu Expo"))));

        assertThat(json(graph.requests().get(0).body())).isEqualTo(json("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"254712345678",
                 "type":"interactive",
                 "interactive":{"type":"list","body":{"text":"Which event?"},
                   "action":{"button":"Choose an event ple\u2026",
                     "sections":[{"title":"Choose an event please \u2026","rows":[
                       {"id":"event-1","title":"Nairobi Jazz Night","description":"Saturday 8pm"},
                       {"id":"event-2","title":"Mombasa Beach Festival \u2026","description":"%s\u2026"},
                       {"id":"event-3","title":"Kisumu Expo"}]}]}}}""".formatted("x".repeat(71))));
    }

    @Test
    void quotesTheInboundMessageWhenReplyingToIt() throws IOException {
        graph.script(sent("wamid.4"));

        client().send(FROM, TO, new OutboundReply.Text("Got it"), "wamid.INBOUND123");

        assertThat(json(graph.requests().get(0).body())).isEqualTo(json("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"254712345678",
                 "context":{"message_id":"wamid.INBOUND123"},
                 "type":"text","text":{"body":"Got it","preview_url":false}}"""));
    }

    @Test
    void refusesAChoiceIdLongerThanWhatsAppAcceptsWithoutSending() {
        graph.script(sent("wamid.5"));
        OutboundReply reply = new OutboundReply.Buttons("Pick", List.of(new Choice("i".repeat(257), "Too long")));

        assertThatThrownBy(() -> client().send(FROM, TO, reply))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256")
                .hasMessageNotContaining(TOKEN);
        assertThat(graph.requests()).isEmpty();
    }

    // --- retries --------------------------------------------------------------------------------------------

    @Test
    void retries429AfterTheRetryAfterDelay() {
        graph.script(graphError(429, 130429, "Rate limit hit", "(#130429) Rate limit hit", "throughput")
                        .withHeader("Retry-After", "2"),
                sent("wamid.after429"));

        SendResult result = client().send(FROM, TO, new OutboundReply.Text("hi"));

        assertThat(result).isEqualTo(new SendResult.Sent("wamid.after429"));
        assertThat(graph.requests()).hasSize(2);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void retries429WithoutRetryAfterUsingBackoff() {
        graph.script(answer(429, ""), sent("wamid.6"));

        SendResult result = client().send(FROM, TO, new OutboundReply.Text("hi"));

        assertThat(result).isEqualTo(new SendResult.Sent("wamid.6"));
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(200)); // 0.5 jitter share of 400 ms
    }

    @Test
    void retryAfterLongerThanTheMaximumDelayIsCapped() {
        graph.script(answer(429, "").withHeader("Retry-After", "3600"), sent("wamid.7"));

        client().send(FROM, TO, new OutboundReply.Text("hi"));

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void retriesServerErrorsWithExponentialBackoffUntilSuccess() {
        graph.script(answer(500, "{}"), answer(500, "{}"), sent("wamid.after500"));

        SendResult result = client().send(FROM, TO, new OutboundReply.Text("hi"));

        assertThat(result).isEqualTo(new SendResult.Sent("wamid.after500"));
        assertThat(graph.requests()).hasSize(3);
        assertThat(graph.requests()).extracting(FakeGraphApi.Request::body).containsOnly(graph.requests().get(0).body());
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void givesUpOnAServerThatStaysUnavailableWithANonPermanentFailure() {
        graph.script(graphError(503, 131016, "Service unavailable", "A service is temporarily unavailable.", "try later"));
        WhatsAppCloudClient client = client(properties("retry-base-delay", "2s", "max-attempts", "5"));

        SendResult result = client.send(FROM, TO, new OutboundReply.Text("hi"));

        assertThat(result).isEqualTo(new SendResult.Failed(503, 131016, "Service unavailable",
                "A service is temporarily unavailable.", "try later", false));
        assertThat(graph.requests()).hasSize(5);
        // half (the fixed jitter) of the 2 s and 4 s ceilings, then of the 5 s cap instead of 8 s and 16 s
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMillis(2500), Duration.ofMillis(2500));
    }

    @Test
    void fullJitterStaysWithinTheExponentialCeiling() {
        CloudApiBackOff low = new CloudApiBackOff(Duration.ofMillis(100), Duration.ofSeconds(1), time, () -> 0.0);
        CloudApiBackOff high = new CloudApiBackOff(Duration.ofMillis(100), Duration.ofSeconds(1), time, () -> 0.999_999);

        assertThat(low.delay(3, null)).isEqualTo(Duration.ZERO);
        assertThat(high.delay(1, null)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(high.delay(3, null)).isBetween(Duration.ofMillis(399), Duration.ofMillis(400));
        assertThat(high.delay(40, null)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
    }

    @Test
    void readsRetryAfterAsSecondsOrHttpDate() {
        WhatsAppCloudClient client = client();

        assertThat(client.parseRetryAfter(" 7 ")).contains(Duration.ofSeconds(7));
        assertThat(client.parseRetryAfter("Sun, 01 Mar 2026 10:00:30 GMT")).contains(Duration.ofSeconds(30));
        assertThat(client.parseRetryAfter("Sun, 01 Mar 2026 09:00:00 GMT")).contains(Duration.ZERO);
        assertThat(client.parseRetryAfter("soon")).isEmpty();
    }

    @Test
    void throttlingErrorCodesAreRetriedEvenWithStatus400() {
        graph.script(graphError(400, 131056, "Pair rate limit hit", "(#131056) Pair rate limit hit", "too many"),
                sent("wamid.8"));

        SendResult result = client().send(FROM, TO, new OutboundReply.Text("hi"));

        assertThat(result).isEqualTo(new SendResult.Sent("wamid.8"));
        assertThat(graph.requests()).hasSize(2);
    }

    @Test
    void retriesGarbledGatewayErrorsAndKeepsTheBodyAsTheMessage() {
        graph.script(answer(502, "<html>Bad Gateway</html>"));

        SendResult result = client(properties("max-attempts", "2")).send(FROM, TO, new OutboundReply.Text("hi"));

        assertThat(result).isEqualTo(new SendResult.Failed(502, null, null, "<html>Bad Gateway</html>", null, false));
        assertThat(graph.requests()).hasSize(2);
    }

    @Test
    void retriesWhenNothingListensAndReportsAConnectionFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        WhatsAppCloudClient client = client(properties("base-url", "http://127.0.0.1:" + closedPort, "max-attempts", "3"));

        SendResult result = client.send(FROM, TO, new OutboundReply.Text("hi"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.httpStatus()).isZero();
            assertThat(failed.errorTitle()).isEqualTo("Connection failed");
            assertThat(failed.permanent()).isFalse();
            assertThat(failed.toString()).doesNotContain(TOKEN);
        });
        assertThat(time.sleeps()).hasSize(2);
    }

    @Test
    void retriesRequestsThatTimeOut() {
        graph.script(sent("wamid.late").after(Duration.ofMillis(1500)));
        WhatsAppCloudClient client = client(properties("request-timeout", "150ms", "max-attempts", "2"));

        SendResult result = client.send(FROM, TO, new OutboundReply.Text("hi"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.httpStatus()).isZero();
            assertThat(failed.errorTitle()).isEqualTo("Timeout");
            assertThat(failed.permanent()).isFalse();
        });
        assertThat(graph.requests()).hasSize(2);
    }

    // --- permanent failures ---------------------------------------------------------------------------------

    @Test
    void reEngagementRequiredIsPermanentAndNotRetried() {
        graph.script(graphError(400, 131047, "Re-engagement message",
                "(#131047) Re-engagement message",
                "Message failed to send because more than 24 hours have passed since the customer last replied to this number."),
                sent("wamid.never"));

        SendResult result = client().send(FROM, TO, new OutboundReply.Text("hi"));

        assertThat(result).isEqualTo(new SendResult.Failed(400, 131047, "Re-engagement message",
                "(#131047) Re-engagement message",
                "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
                true));
        assertThat(graph.requests()).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void invalidParameterIsPermanentAndFallsBackToTheErrorTypeForATitle() {
        graph.script(answer(400, """
                {"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100,
                 "error_data":{"messaging_product":"whatsapp","details":"Param text['body'] must be at most 4096 characters long."},
                 "fbtrace_id":"A1b2"}}"""));

        SendResult result = client().send(FROM, TO, new OutboundReply.Text("x"));

        assertThat(result).isEqualTo(new SendResult.Failed(400, 100, "OAuthException", "(#100) Invalid parameter",
                "Param text['body'] must be at most 4096 characters long.", true));
        assertThat(graph.requests()).hasSize(1);
    }

    @Test
    void unauthorizedIsPermanentAndNeverLeaksTheToken() {
        // A proxy echoing the credentials back must not get the token into the result.
        graph.script(answer(401, """
                {"error":{"message":"Error validating access token: token %s has expired","type":"OAuthException",
                 "code":190,"error_subcode":463}}""".formatted(TOKEN)));

        SendResult result = client().send(FROM, TO, new OutboundReply.Text("hi"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.httpStatus()).isEqualTo(401);
            assertThat(failed.errorCode()).isEqualTo(190);
            assertThat(failed.permanent()).isTrue();
            assertThat(failed.errorMessage()).startsWith("Error validating access token").doesNotContain(TOKEN);
        });
        assertThat(result.toString()).doesNotContain(TOKEN);
        assertThat(graph.requests()).hasSize(1);
    }

    @Test
    void theSendingNumberNeverShowsItsToken() {
        assertThat(FROM.toString()).contains("106540352242922").doesNotContain(TOKEN);
        assertThatThrownBy(() -> new SendingNumber("not-a-number", TOKEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void successWithoutAMessageIdIsReportedButNotResent() {
        graph.script(answer(200, "{\"messaging_product\":\"whatsapp\"}"), sent("wamid.duplicate"));

        SendResult result = client().send(FROM, TO, new OutboundReply.Text("hi"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.httpStatus()).isEqualTo(200);
            assertThat(failed.permanent()).isFalse();
        });
        assertThat(graph.requests()).hasSize(1);
    }

    // --- rate limiting --------------------------------------------------------------------------------------

    @Test
    void spacesSendsFromOneNumberAtTheConfiguredRate() {
        graph.script(sent("wamid.r"));
        WhatsAppCloudClient client = client(properties("messages-per-second", "4", "burst", "2"));
        long start = time.getAsLong();

        for (int i = 0; i < 6; i++) {
            assertThat(client.send(FROM, TO, new OutboundReply.Text("msg " + i))).isInstanceOf(SendResult.Sent.class);
        }

        // 2 go at once, the other 4 wait 250 ms each
        assertThat(Duration.ofNanos(time.getAsLong() - start)).isEqualTo(Duration.ofSeconds(1));
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250),
                Duration.ofMillis(250), Duration.ofMillis(250));
        assertThat(graph.requests()).hasSize(6);
    }
}
