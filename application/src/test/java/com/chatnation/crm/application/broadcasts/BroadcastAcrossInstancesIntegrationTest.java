package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.ServiceJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static com.chatnation.crm.application.broadcasts.BroadcastOrganization.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the service on one database send one broadcast together: the number's cap holds for both
 * together (measured from the stand-in's arrival times), and when one instance is stopped mid-broadcast the other
 * sends every remaining recipient, each exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BroadcastAcrossInstancesIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;
    @TempDir
    Path work;

    @Test
    void twoInstancesKeepToOneCapAndTheOneLeftSendsTheStoppedOnesRecipientsOnce() throws Exception {
        int size = 600;
        double rate = 40;
        BroadcastOrganization org = new BroadcastOrganization(port, 5_000);
        org.approvedTemplate("two_instances");
        org.sendRate(rate);
        String prefix = "+2547" + ThreadLocalRandom.current().nextInt(10, 99);
        StringBuilder csv = new StringBuilder("phone,name,tags,consent\n");
        for (int i = 0; i < size; i++) {
            csv.append(prefix).append(String.format("%06d", 400_000 + i)).append(",Listener ").append(i)
                    .append(",pair,opted_in\n");
        }
        String audienceId = org.audience(csv.toString(), "pair", size);
        String broadcastId = org.draft("pair", audienceId);
        Path log = Path.of("target", "broadcast-second-instance.log"); // kept for reading after a failure
        java.nio.file.Files.deleteIfExists(log);
        try (ServiceJvm second = ServiceJvm.startBeside(environment, work, log)) {
            BroadcastOrganization.check(org.owner.post(org.path + "/broadcasts/" + broadcastId + "/send", Map.of()), 202);
            Instant deadline = Instant.now().plusSeconds(60);
            while (senders(broadcastId).size() < 2 || sent(broadcastId) < size / 3) {
                assertThat(Instant.now()).as("both instances send").isBefore(deadline);
                Thread.sleep(100);
            }
            assertThat(second.stop(Duration.ofSeconds(60))).as("an orderly stop").isZero();
        }
        await(() -> org.view(broadcastId), view -> "completed".equals(view.path("broadcast").path("status").asText()),
                Duration.ofMinutes(2));

        List<GraphApiStandIn.Sent> messages = GraphApiStandIn.shared().sentFrom(org.phoneNumberId);
        Map<String, Long> perRecipient = messages.stream().collect(Collectors.groupingBy(GraphApiStandIn.Sent::to,
                Collectors.counting()));
        assertThat(perRecipient).as("every recipient got a message").hasSize(size);
        assertThat(perRecipient.values()).as("and only one").containsOnly(1L);
        assertThat(senders(broadcastId).stream().map(s -> s.substring(0, s.indexOf('-'))).distinct().count())
                .as("sent by both instances (other test contexts of this JVM may have helped)").isGreaterThanOrEqualTo(2);

        long[] arrivals = messages.stream().mapToLong(GraphApiStandIn.Sent::receivedNanos).sorted().toArray();
        double seconds = (arrivals[arrivals.length - 1] - arrivals[0]) / 1e9;
        int burst = (int) Math.ceil(rate);
        assertThat(seconds).as("%d messages at %.0f/s with a burst of %d take at least this long", size, rate, burst)
                .isGreaterThanOrEqualTo((size - burst) / rate * 0.95);
        int busiestSecond = 0;
        for (int first = 0, last = 0; last < arrivals.length; last++) {
            while (arrivals[last] - arrivals[first] >= 1_000_000_000L) {
                first++;
            }
            busiestSecond = Math.max(busiestSecond, last - first + 1);
        }
        assertThat(busiestSecond).as("messages in the busiest second (cap %.0f/s plus a burst of %d)", rate, burst)
                .isLessThanOrEqualTo((int) rate + burst + 1);
        assertThat(org.wallet().path("balance").asLong()).isEqualTo(5_000 - BroadcastOrganization.PRICE * size);
    }

    private List<String> senders(String broadcastId) {
        return jdbc.queryForList("""
                SELECT DISTINCT claimed_by FROM broadcast_sends WHERE broadcast_id = ? AND status = 'sent'""",
                String.class, broadcastId);
    }

    private int sent(String broadcastId) {
        return jdbc.queryForObject("SELECT count(*) FROM broadcast_sends WHERE broadcast_id = ? AND status = 'sent'",
                Integer.class, broadcastId);
    }
}
