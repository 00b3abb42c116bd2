package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.WebhookClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static com.chatnation.crm.application.broadcasts.BroadcastOrganization.PRICE;
import static com.chatnation.crm.application.broadcasts.BroadcastOrganization.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broadcasts sent for real against the Graph API stand-in and PostgreSQL: thousands of recipients with refusals and
 * throttling on the way, statuses arriving shuffled and twice, opt-outs and cancellation while sending, and the
 * wallet balanced to the token at the end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BroadcastSendingIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final GraphApiStandIn graph = GraphApiStandIn.shared();

    @Test
    void fiveThousandRecipientsEachEndInTheRightStateAndTheWalletBalances() throws Exception {
        int size = 5_000;
        long tokens = 20_000;
        BroadcastOrganization org = new BroadcastOrganization(port, tokens);
        org.approvedTemplate("techexpo_invite");
        org.sendRate(1_000);
        String prefix = "+2547" + ThreadLocalRandom.current().nextInt(10, 99);
        StringBuilder csv = new StringBuilder("phone,name,tags,consent\n");
        List<String> optedOut = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < size; i++) {
            String phone = prefix + String.format("%06d", i);
            String name = i % 7 == 0 ? "" : "Guest " + i;
            names.put(phone.substring(1), name.isEmpty() ? "friend" : name);
            boolean out = i % 50 == 0;
            if (out) {
                optedOut.add(phone);
            } else if (i % 97 == 1) {
                refused.add(phone);
                graph.failFor(phone.substring(1), 400, 131026, "Message undeliverable");
            }
            csv.append(phone).append(',').append(name).append(",expo2026,").append(out ? "opted_out" : "opted_in")
                    .append('\n');
        }
        String audienceId = org.audience(csv.toString(), "expo2026", size);
        String broadcastId = org.draft("expo-" + size, audienceId);
        graph.throttleEvery(org.phoneNumberId, 37);

        AdminClient.Response started = org.owner.post(org.path + "/broadcasts/" + broadcastId + "/send", Map.of());
        BroadcastOrganization.check(started, 202);
        int recipients = size - optedOut.size();
        assertThat(started.body().path("recipients").asInt()).isEqualTo(recipients);
        assertThat(started.body().path("suppressed").asInt()).isEqualTo(optedOut.size());
        assertThat(started.body().path("tokensReserved").asLong()).isEqualTo(PRICE * recipients);
        assertThat(org.owner.post(org.path + "/broadcasts/" + broadcastId + "/send", Map.of()).status())
                .as("a broadcast starts once").isEqualTo(409);

        JsonNode done = await(() -> org.view(broadcastId),
                view -> "completed".equals(view.path("broadcast").path("status").asText()), Duration.ofMinutes(4));
        int accepted = recipients - refused.size();
        List<GraphApiStandIn.Sent> sent = graph.sentFrom(org.phoneNumberId);
        Map<String, Long> perRecipient = sent.stream().collect(Collectors.groupingBy(GraphApiStandIn.Sent::to,
                Collectors.counting()));
        assertThat(perRecipient).as("every accepted recipient got exactly one message").hasSize(accepted);
        assertThat(perRecipient.values()).containsOnly(1L);
        for (String phone : optedOut) {
            assertThat(perRecipient).doesNotContainKey(phone.substring(1));
        }
        GraphApiStandIn.Sent first = sent.get(0);
        assertThat(first.body().path("type").asText()).isEqualTo("template");
        assertThat(first.body().path("template").path("name").asText()).isEqualTo("techexpo_invite");
        assertThat(first.body().path("biz_opaque_callback_data").asText()).isEqualTo("campaign-expo-" + size);
        for (GraphApiStandIn.Sent message : sent) {
            assertThat(message.body().path("template").path("components").get(0).path("parameters").get(0)
                    .path("text").asText()).isEqualTo(names.get(message.to()));
        }
        JsonNode broadcast = done.path("broadcast");
        assertThat(broadcast.path("tokensCaptured").asLong() + broadcast.path("tokensReleased").asLong())
                .as("captured + released = reserved").isEqualTo(broadcast.path("tokensReserved").asLong());
        assertThat(broadcast.path("tokensCaptured").asLong()).isEqualTo(PRICE * accepted);

        // every sent message's statuses, shuffled and each posted twice
        Map<String, String> wamidByDigits = new HashMap<>();
        jdbc.query("""
                SELECT p.phone, s.whatsapp_message_id FROM broadcast_sends s
                JOIN contact_profiles p ON p.contact_id = s.contact_id
                WHERE s.broadcast_id = ? AND s.whatsapp_message_id IS NOT NULL""",
                rs -> {
                    wamidByDigits.put(rs.getString(1).substring(1), rs.getString(2));
                }, broadcastId);
        Map<String, String> expected = new HashMap<>();
        List<String[]> statuses = new ArrayList<>();
        int lateFailures = 0;
        for (int i = 0; i < sent.size(); i++) {
            GraphApiStandIn.Sent message = sent.get(i);
            String wamid = wamidByDigits.get(message.to());
            if (i % 10 == 0) {
                statuses.add(new String[]{wamid, message.to(), "failed"});
                expected.put(wamid, "failed");
                lateFailures++;
            } else if (i % 3 == 0) {
                statuses.add(new String[]{wamid, message.to(), "delivered"});
                expected.put(wamid, "delivered");
            } else {
                statuses.add(new String[]{wamid, message.to(), "delivered"});
                statuses.add(new String[]{wamid, message.to(), "read"});
                expected.put(wamid, "read");
            }
        }
        List<String[]> twice = new ArrayList<>(statuses);
        twice.addAll(statuses);
        Collections.shuffle(twice, new Random(7));
        WebhookClient webhooks = new WebhookClient(port);
        for (int from = 0; from < twice.size(); from += 100) {
            assertThat(webhooks.postSigned(statusPayload(org.phoneNumberId,
                    twice.subList(from, Math.min(twice.size(), from + 100)))).statusCode()).isEqualTo(200);
        }
        long reads = expected.values().stream().filter("read"::equals).count();
        long delivered = expected.values().stream().filter(s -> !s.equals("failed")).count();
        int failures = lateFailures;
        JsonNode funnel = await(() -> org.view(broadcastId).path("funnel"),
                f -> f.path("read").asLong() == reads && f.path("failed").asLong() == failures + refused.size(),
                Duration.ofMinutes(3)).path("funnel");
        funnel = org.view(broadcastId).path("funnel");
        assertThat(funnel.path("audience").asLong()).isEqualTo(size);
        assertThat(funnel.path("suppressed").asLong()).isEqualTo(optedOut.size());
        assertThat(funnel.path("suppressedBy").path("opted_out").asLong()).isEqualTo(optedOut.size());
        assertThat(funnel.path("delivered").asLong()).as("delivered or read").isEqualTo(delivered);
        assertThat(funnel.path("failedBy").path("131026").asLong()).isEqualTo(refused.size());
        Map<String, String> actual = new HashMap<>();
        jdbc.query("SELECT wamid, status FROM broadcast_recipients WHERE broadcast_id = ? AND wamid IS NOT NULL",
                rs -> {
                    actual.put(rs.getString("wamid"), rs.getString("status"));
                }, broadcastId);
        assertThat(actual).isEqualTo(expected);

        long balance = tokens - PRICE * accepted + PRICE * lateFailures;
        await(org::wallet, wallet -> wallet.path("balance").asLong() == balance, Duration.ofSeconds(60));
        assertThat(org.wallet().path("reserved").asLong()).isZero();
    }

    @Test
    void anOptOutMidBroadcastStopsThatSendAndCancellingStopsTheRest() throws Exception {
        int size = 300;
        long tokens = 1_000;
        BroadcastOrganization org = new BroadcastOrganization(port, tokens);
        org.approvedTemplate("midway");
        // slow enough that the opt-out reaches the contacts read model (which the send-time check reads) well before
        // the sender reaches the contact, however busy the machine: the test is about the opt-out, not the lag
        org.sendRate(10);
        String prefix = "+2547" + ThreadLocalRandom.current().nextInt(10, 99);
        StringBuilder csv = new StringBuilder("phone,name,tags,consent\n");
        for (int i = 0; i < size; i++) {
            csv.append(prefix).append(String.format("%06d", 200_000 + i)).append(",Fan ").append(i)
                    .append(",midway,opted_in\n");
        }
        String audienceId = org.audience(csv.toString(), "midway", size);
        String broadcastId = org.draft("midway", audienceId);
        BroadcastOrganization.check(org.owner.post(org.path + "/broadcasts/" + broadcastId + "/send", Map.of()), 202);

        // the contact 150th in line says STOP while the first ones are being sent
        String stopping = jdbc.queryForObject("""
                SELECT p.phone FROM broadcast_sends s JOIN contact_profiles p ON p.contact_id = s.contact_id
                WHERE s.broadcast_id = ? AND s.position = 150""", String.class, broadcastId);
        assertThat(new WebhookClient(port).postSigned(WebhookClient.text(org.phoneNumberId, stopping.substring(1),
                "wamid.stop-" + broadcastId, "STOP")).statusCode()).isEqualTo(200);
        awaitCount("SELECT count(*) FROM broadcast_sends WHERE broadcast_id = ? AND status = 'sent'", broadcastId, 200);
        BroadcastOrganization.check(org.owner.post(org.path + "/broadcasts/" + broadcastId + "/cancel",
                Map.of("reason", "wrong date")), 200);
        JsonNode view = await(() -> org.view(broadcastId), v -> "cancelled".equals(v.path("broadcast").path("status")
                .asText()) && v.path("funnel").path("suppressedBy").path("cancelled").asLong() > 0);
        awaitCount("SELECT count(*) FROM broadcast_runs WHERE broadcast_id = ? AND settled_at IS NOT NULL", broadcastId, 1);

        assertThat(templates(graph.sentTo(stopping))).as("the contact who said STOP got no broadcast").isEmpty();
        assertThat(jdbc.queryForObject("""
                SELECT suppression_reason FROM broadcast_recipients WHERE broadcast_id = ? AND contact_id = (
                    SELECT contact_id FROM contact_profiles WHERE organization_id = ? AND phone = ?)""",
                String.class, broadcastId, org.organizationId, stopping)).isEqualTo("opted_out");
        int sent = jdbc.queryForObject("SELECT count(*) FROM broadcast_sends WHERE broadcast_id = ? AND status = 'sent'",
                Integer.class, broadcastId);
        int cancelled = jdbc.queryForObject("""
                SELECT count(*) FROM broadcast_sends WHERE broadcast_id = ? AND status = 'suppressed'""",
                Integer.class, broadcastId) - 1;
        assertThat(sent).isBetween(200, size - 10);
        assertThat(sent + cancelled + 1).isEqualTo(size);
        assertThat(templates(graph.sentFrom(org.phoneNumberId))).hasSize(sent);
        view = await(() -> org.view(broadcastId), v -> v.path("funnel").path("suppressedBy").path("cancelled").asLong()
                == cancelled);
        assertThat(view.path("funnel").path("sent").asLong()).isEqualTo(sent);
        JsonNode wallet = await(org::wallet, w -> w.path("reserved").asLong() == 0);
        assertThat(wallet.path("balance").asLong()).as("only what was sent is paid").isEqualTo(tokens - PRICE * sent);
    }

    @Test
    void aScheduledBroadcastStartsByItselfAndOneThatCannotStartThenIsCancelledSayingWhy() throws Exception {
        BroadcastOrganization org = new BroadcastOrganization(port, 2 * PRICE);
        org.approvedTemplate("on_time");
        String prefix = "+2547" + ThreadLocalRandom.current().nextInt(10, 99);
        String audienceId = org.audience("phone,name,tags,consent\n" + prefix + "300001,A,timed,opted_in\n" + prefix
                + "300002,B,timed,opted_in\n", "timed", 2);
        String onTime = org.draft("on-time", audienceId);
        String tooLate = org.draft("too-late", audienceId);
        String sendAt = java.time.Instant.now().plusSeconds(3).toString();
        BroadcastOrganization.check(org.owner.post(org.path + "/broadcasts/" + onTime + "/schedule",
                Map.of("sendAt", sendAt)), 200);
        await(() -> org.view(onTime), view -> "completed".equals(view.path("broadcast").path("status").asText()));
        assertThat(templates(graph.sentTo(prefix + "300001"))).hasSize(1);
        assertThat(new WebhookClient(port).postSigned(WebhookClient.text(org.phoneNumberId, prefix.substring(1)
                + "300001", "wamid.answer-" + onTime, "Count me in!")).statusCode()).isEqualTo(200);
        JsonNode funnel = await(() -> org.view(onTime).path("funnel"), f -> f.path("replied").asLong() == 1);
        assertThat(funnel.path("sent").asLong()).isEqualTo(2);

        // the first used up the tokens: the second cannot start at its time
        BroadcastOrganization.check(org.owner.post(org.path + "/broadcasts/" + tooLate + "/schedule",
                Map.of("sendAt", java.time.Instant.now().plusSeconds(2).toString())), 200);
        await(() -> org.view(tooLate), view -> "cancelled".equals(view.path("broadcast").path("status").asText()));
        assertThat(jdbc.queryForObject("SELECT cancel_reason FROM broadcasts WHERE id = ?", String.class, tooLate))
                .startsWith("could not start at its scheduled time: the broadcast to 2 recipients costs 4 tokens; 0 are "
                        + "available");
        assertThat(templates(graph.sentTo(prefix + "300001"))).hasSize(1);
    }

    @Test
    void aTemplateWithAnImageHeaderIsBroadcastWithTheSamePosterForEveryone() throws Exception {
        BroadcastOrganization org = new BroadcastOrganization(port, 100);
        org.approvedTemplate("poster_invite", Map.of("format", "IMAGE", "example", "4::aW1hZ2UvanBlZw=="));
        String prefix = "+2547" + ThreadLocalRandom.current().nextInt(10, 99);
        String audienceId = org.audience("phone,name,tags,consent\n" + prefix + "500001,Amina,poster,opted_in\n"
                + prefix + "500002,Baraka,poster,opted_in\n" + prefix + "500003,Chebet,poster,opted_in\n", "poster", 3);
        // Chebet stopped the organization's marketing in WhatsApp itself: WhatsApp refuses with 131050
        graph.failFor(prefix.substring(1) + "500003", 400, 131050, "Unable to deliver message");
        Map<String, Object> draft = new HashMap<>(Map.of("name", "poster", "templateId", org.templateId, "audienceId",
                audienceId, "parameters", List.of(Map.of("source", "name", "fallback", "friend"))));
        AdminClient.Response headless = org.owner.post(org.path + "/broadcasts", draft);
        assertThat(headless.status()).as(headless.toString()).isEqualTo(400);
        assertThat(headless.text("code")).isEqualTo("invalid_header");
        draft.put("header", Map.of("format", "VIDEO", "link", "https://example.com/clip.mp4"));
        assertThat(org.owner.post(org.path + "/broadcasts", draft).status()).as("a video for an image header")
                .isEqualTo(400);

        draft.put("header", Map.of("format", "IMAGE", "link", "https://example.com/poster.jpg"));
        AdminClient.Response drafted = org.owner.post(org.path + "/broadcasts", draft);
        BroadcastOrganization.check(drafted, 201);
        String broadcastId = drafted.text("broadcastId");
        await(() -> org.view(broadcastId), v -> "draft".equals(v.path("broadcast").path("status").asText()));
        BroadcastOrganization.check(org.owner.post(org.path + "/broadcasts/" + broadcastId + "/send", Map.of()), 202);
        await(() -> org.view(broadcastId), v -> "completed".equals(v.path("broadcast").path("status").asText()));
        for (String phone : List.of(prefix + "500001", prefix + "500002")) {
            JsonNode components = templates(graph.sentTo(phone)).get(0).body().path("template").path("components");
            assertThat(components.get(0).path("type").asText()).isEqualTo("header");
            assertThat(components.get(0).path("parameters").get(0).path("image").path("link").asText())
                    .isEqualTo("https://example.com/poster.jpg");
            assertThat(components.get(1).path("parameters").get(0).path("text").asText())
                    .isIn("Amina", "Baraka");
        }
        assertThat(await(() -> org.view(broadcastId).path("funnel"), f -> f.path("failed").asLong() == 1)
                .path("failedBy").path("131050").asLong()).isEqualTo(1);
        JsonNode chebet = await(() -> org.owner.get(org.path + "/contacts/" + jdbc.queryForObject("""
                        SELECT contact_id::text FROM contact_profiles WHERE organization_id = ? AND phone = ?""",
                String.class, org.organizationId, prefix + "500003")).body(),
                c -> !c.path("marketingOptIn").isMissingNode() && !c.path("marketingOptIn").asBoolean(true));
        assertThat(chebet.path("consentSource").asText()).as("131050 is recorded as the contact's opt-out")
                .isEqualTo("error_131050");
    }

    @Test
    void aWalletThatCannotCoverTheAudienceLeavesTheBroadcastADraftAndWritesNothing() throws Exception {
        BroadcastOrganization org = new BroadcastOrganization(port, 3);
        org.approvedTemplate("short_wallet");
        String prefix = "+2547" + ThreadLocalRandom.current().nextInt(10, 99);
        String csv = "phone,name,tags,consent\n" + prefix + "100001,A,few,opted_in\n" + prefix + "100002,B,few,opted_in\n"
                + prefix + "100003,C,few,opted_out\n";
        String audienceId = org.audience(csv, "few", 3);
        String broadcastId = org.draft("short", audienceId);

        AdminClient.Response refused = org.owner.post(org.path + "/broadcasts/" + broadcastId + "/send", Map.of());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(402);
        assertThat(refused.text("code")).isEqualTo("insufficient_tokens");
        assertThat(refused.body().path("required").asLong()).isEqualTo(2 * PRICE);
        assertThat(refused.body().path("shortfall").asLong()).isEqualTo(2 * PRICE - 3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM broadcast_sends WHERE broadcast_id = ?", Integer.class,
                broadcastId)).isZero();
        assertThat(jdbc.queryForObject("SELECT status FROM broadcast_runs WHERE broadcast_id = ?", String.class,
                broadcastId)).isEqualTo("draft");
        assertThat(org.wallet().path("reserved").asLong()).isZero();

        org.purchase("top-up", 10);
        BroadcastOrganization.check(org.owner.post(org.path + "/broadcasts/" + broadcastId + "/send", Map.of()), 202);
        await(() -> org.view(broadcastId), view -> "completed".equals(view.path("broadcast").path("status").asText()));
        assertThat(org.wallet().path("balance").asLong()).isEqualTo(13 - 2 * PRICE);
        assertThat(graph.sentTo(prefix + "100003")).as("opted out at the start").isEmpty();

        AdminClient.Response unknown = org.owner.post(org.path + "/broadcasts/no-such-broadcast/send", Map.of());
        assertThat(unknown.status()).isEqualTo(404);

        // an audience left empty by suppression: 422, nothing written
        String nobody = org.audience("phone,name,tags,consent\n" + prefix + "100004,D,nobody,opted_out\n", "nobody", 1);
        String empty = org.draft("empty", nobody);
        AdminClient.Response emptyStart = org.owner.post(org.path + "/broadcasts/" + empty + "/send", Map.of());
        assertThat(emptyStart.status()).as(emptyStart.toString()).isEqualTo(422);
        assertThat(emptyStart.text("code")).isEqualTo("audience_empty");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM broadcast_sends WHERE broadcast_id = ?", Integer.class,
                empty)).isZero();

        // bindings that do not fit the template's one body parameter
        AdminClient.Response misfit = org.owner.post(org.path + "/broadcasts", Map.of("name", "misfit", "templateId",
                org.templateId, "audienceId", audienceId, "parameters", List.of(Map.of("source", "phone"),
                        Map.of("source", "text", "fallback", "Friday"))));
        assertThat(misfit.status()).as(misfit.toString()).isEqualTo(400);
        assertThat(misfit.text("code")).isEqualTo("invalid_parameters");
        AdminClient.Response noFallback = org.owner.post(org.path + "/broadcasts", Map.of("name", "bare", "templateId",
                org.templateId, "audienceId", audienceId, "parameters", List.of(Map.of("source", "name"))));
        assertThat(noFallback.status()).as(noFallback.toString()).isEqualTo(422);
        assertThat(noFallback.text("code")).isEqualTo("invalid_parameter_binding");
    }

    /** The broadcast's messages among what was sent (the bot also confirms an opt-out). */
    private static List<GraphApiStandIn.Sent> templates(List<GraphApiStandIn.Sent> sent) {
        return sent.stream().filter(message -> "template".equals(message.body().path("type").asText())).toList();
    }

    private void awaitCount(String sql, String broadcastId, int atLeast) {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        while (jdbc.queryForObject(sql, Integer.class, broadcastId) < atLeast) {
            assertThat(java.time.Instant.now()).as(sql + " reaches " + atLeast).isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String statusPayload(String phoneNumberId, List<String[]> statuses) {
        String items = statuses.stream().map(s -> """
                {"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s"%s}""".formatted(s[0], s[2],
                System.currentTimeMillis() / 1000, s[1], "failed".equals(s[2])
                        ? ",\"errors\":[{\"code\":131049,\"title\":\"This message was not delivered to maintain healthy ecosystem engagement.\"}]"
                        : "")).collect(Collectors.joining(","));
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "statuses":[%s]}}]}]}""".formatted(phoneNumberId, items);
    }
}
