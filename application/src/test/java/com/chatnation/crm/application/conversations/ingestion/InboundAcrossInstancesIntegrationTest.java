package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.ServiceJvm;
import com.chatnation.crm.application.support.WebhookClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one database take a WhatsApp number's webhooks side by side, as behind a load balancer; one is
 * killed (SIGKILL) mid-load and the senders, as Meta does, deliver again to the one left until they are answered.
 * The one left takes over the killed one's processor segments and inbox lanes: every message accepted by either is
 * decided once, in order for its contact, and gets one reply charged once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboundAcrossInstancesIntegrationTest {

    private static final int SENDERS = 6;
    private static final int MESSAGES_PER_SENDER = 20;
    private static final int KILL_AFTER_ACCEPTED = 40;
    /** The killed instance's sender threads: at most this many Graph API calls were in flight when it died. */
    private static final int SENDER_THREADS = 16;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;
    @TempDir
    Path work;

    @Test
    void whenOneOfTwoInstancesIsKilledTheOtherFinishesItsWorkAndNothingIsLostOrDoubled() throws Exception {
        AdminClient platform = new AdminClient("http://localhost:" + port);
        String phoneNumberId = AdminClient.randomPhoneNumberId();
        String organizationId = platform.onboard(Map.of("name", "Two instances", "phoneNumberId", phoneNumberId,
                "prices", List.of(Map.of("module", "general", "action", "reply", "tokens", 1)),
                "lowBalanceThreshold", 0)).organizationId();
        assertThat(platform.post("/admin/organizations/" + organizationId + "/wallet/purchases",
                Map.of("paymentReference", "two-instances", "amount", 10_000)).status()).isEqualTo(200);

        Path log = Path.of("target", "inbound-second-instance.log"); // kept for reading after a failure
        Files.deleteIfExists(log);
        ServiceJvm second = ServiceJvm.startBeside(environment, work, log);
        List<WebhookClient> instances = List.of(new WebhookClient(port), new WebhookClient(second.port()));
        WebhookClient survivor = instances.get(0);

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Map<String, List<String>> sentByContact = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        CountDownLatch enoughForTheKill = new CountDownLatch(KILL_AFTER_ACCEPTED);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                running.add(senders.submit(() -> {
                    // one contact per sender, so each contact's messages are sent one after the other, as people do
                    String contact = "2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
                    for (int n = 0; n < MESSAGES_PER_SENDER; n++) {
                        String messageId = "wamid.pair." + sender + "." + n + "." + UUID.randomUUID();
                        String body = WebhookClient.text(phoneNumberId, contact, messageId, "hi"); // the bot answers each
                        sentByContact.computeIfAbsent(contact, c -> new ArrayList<>()).add(messageId);
                        for (int attempt = 0; ; attempt++) {
                            // alternately to either instance, to the one left once the other is gone
                            WebhookClient to = killed.get() ? survivor : instances.get((n + attempt + sender) % 2);
                            try {
                                if (to.postSigned(body).statusCode() == 200) {
                                    accepted.add(messageId);
                                    enoughForTheKill.countDown();
                                    break;
                                }
                            } catch (UncheckedIOException down) {
                                // killed mid-request: deliver again
                            }
                            if (Instant.now().isAfter(deadline)) {
                                throw new AssertionError("message " + messageId + " never accepted");
                            }
                            Thread.sleep(50);
                        }
                        Thread.sleep(20);
                    }
                    return null;
                }));
            }
            assertThat(enoughForTheKill.await(90, TimeUnit.SECONDS)).as("load before the kill").isTrue();
            killed.set(true);
            second.kill();
            for (Future<?> sender : running) {
                sender.get(150, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
            second.close();
        }

        int total = SENDERS * MESSAGES_PER_SENDER;
        assertThat(accepted).hasSize(total);
        await("every accepted message decided, replied to and charged (" + total + ")", () ->
                count("SELECT count(*) FROM outbound_replies WHERE organization_id = ? AND status = 'sent'",
                        organizationId) >= total
                        && count("SELECT count(*) FROM messages WHERE organization_id = ? AND direction = 'inbound'",
                        organizationId) >= total
                        && count("SELECT count(*) FROM token_transactions WHERE organization_id = ? AND type = 'debit'",
                        organizationId) >= total);

        Map<String, Long> decided = counts("SELECT payload->>'messageId', count(*) FROM event_log "
                + "WHERE event_type = 'MessageReceived' AND payload->>'organizationId' = ? GROUP BY 1", organizationId);
        assertThat(decided.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(decided.values()).as("each decided once").allMatch(count -> count == 1);
        for (List<String> messages : sentByContact.values()) {
            List<String> inOrder = jdbc.queryForList("""
                    SELECT payload->>'messageId' FROM event_log WHERE event_type = 'MessageReceived'
                      AND payload->>'messageId' = ANY (?) ORDER BY global_index""", String.class,
                    (Object) messages.toArray(String[]::new));
            assertThat(inOrder).as("a contact's messages decided in the order sent").isEqualTo(messages);
        }
        assertThat(counts("SELECT in_reply_to, count(*) FROM outbound_replies WHERE organization_id = ? "
                + "AND status = 'sent' GROUP BY 1", organizationId)).as("one reply each").isEqualTo(decided);
        Map<String, Long> debits = counts("SELECT reference_id, count(*) FROM token_transactions "
                + "WHERE organization_id = ? AND type = 'debit' GROUP BY 1", organizationId);
        assertThat(debits).hasSize(total);
        assertThat(debits.values()).as("each reply charged once").allMatch(count -> count == 1);

        Map<String, Integer> sends = new HashMap<>();
        for (GraphApiStandIn.Sent call : GraphApiStandIn.shared().sentFrom(phoneNumberId)) {
            sends.merge(call.body().path("context").path("message_id").asText(), 1, Integer::sum);
        }
        assertThat(sends.keySet()).as("every message answered on WhatsApp").containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(sends.values().stream().mapToInt(count -> count - 1).sum())
                .as("replies sent twice: only those in flight at the killed instance").isLessThanOrEqualTo(SENDER_THREADS);
    }

    private int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    private Map<String, Long> counts(String sql, Object... args) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(sql, row -> {
            counts.put(row.getString(1), row.getLong(2));
        }, args);
        return counts;
    }

    private void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ", not within 90 s; inbox: "
                        + jdbc.queryForList("SELECT status, count(*) FROM inbound_inbox GROUP BY 1")
                        + "; replies: " + jdbc.queryForList("SELECT status, count(*) FROM outbound_replies GROUP BY 1")
                        + "; claims: " + jdbc.queryForList("SELECT processorname, segment, owner FROM tokenentry "
                        + "WHERE owner IS NOT NULL ORDER BY 1, 2")
                        + "; dead letters: " + jdbc.queryForList("SELECT processinggroup, count(*) FROM deadletterentry GROUP BY 1"));
            }
            Thread.sleep(200);
        }
    }
}
