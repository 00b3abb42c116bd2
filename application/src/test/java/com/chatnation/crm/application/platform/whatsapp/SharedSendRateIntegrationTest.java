package com.chatnation.crm.application.platform.whatsapp;

import com.chatnation.crm.application.support.AdminClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send cap is one cap for all instances: two limiters (two instances of the service) on the same database, each
 * with several sending threads, together never take more slots in any second than the number's rate plus its burst.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SharedSendRateIntegrationTest {

    private static final int RATE = 40;
    private static final int BURST = 5;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void twoInstancesSendingAtOnceKeepToOneCap() throws Exception {
        String number = "rate-" + UUID.randomUUID();
        String other = "rate-other-" + UUID.randomUUID();
        SendRate first = new SharedSendRate(jdbc, transactions, RATE, BURST);
        SendRate second = new SharedSendRate(jdbc, transactions, RATE, BURST);
        List<Long> slots = Collections.synchronizedList(new ArrayList<>());
        ExecutorService senders = Executors.newFixedThreadPool(8);
        int perSender = 12;
        for (int i = 0; i < 8; i++) {
            SendRate instance = i % 2 == 0 ? first : second;
            senders.submit(() -> {
                for (int n = 0; n < perSender; n++) {
                    instance.acquire(number);
                    slots.add(System.nanoTime());
                }
                return null;
            });
        }
        // another number is never held back by the busy one
        long before = System.nanoTime();
        first.acquire(other);
        long otherWaitedMillis = (System.nanoTime() - before) / 1_000_000;
        senders.shutdown();
        assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(slots).hasSize(8 * perSender);
        List<Long> sorted = new ArrayList<>(slots);
        Collections.sort(sorted);
        int most = 0;
        for (int i = 0; i < sorted.size(); i++) {
            int j = i;
            while (j < sorted.size() && sorted.get(j) - sorted.get(i) < 1_000_000_000L) {
                j++;
            }
            most = Math.max(most, j - i);
        }
        System.out.printf("SEND-RATE 2 instances x 4 threads: %d sends, at most %d in any second (cap %d + burst %d)%n",
                sorted.size(), most, RATE, BURST);
        // one slot of slack for the measuring: the slot is taken before the thread records its time
        assertThat(most).as("sends in the busiest second").isLessThanOrEqualTo(RATE + BURST + 1);
        assertThat(most).as("the cap is used, not starved").isGreaterThan(RATE / 2);
        assertThat(otherWaitedMillis).as("another number's first send waits for nobody").isLessThan(500);
    }

    @Test
    void aNumbersTierSetByTheOperatorReplacesTheDefault() throws Exception {
        String number = String.valueOf(900_000_000_000L + (long) (Math.random() * 99_999_999_999L));
        AdminClient platform = new AdminClient("http://localhost:" + port);
        assertThat(platform.put("/admin/whatsapp-numbers/" + number + "/send-rate", Map.of("messagesPerSecond", 2000))
                .status()).isEqualTo(400);
        assertThat(platform.put("/admin/whatsapp-numbers/not-a-number/send-rate", Map.of("messagesPerSecond", 10))
                .status()).isEqualTo(400);
        assertThat(platform.put("/admin/whatsapp-numbers/" + number + "/send-rate", Map.of("messagesPerSecond", 5))
                .body().path("messagesPerSecond").asDouble()).isEqualTo(5.0);
        assertThat(platform.get("/admin/whatsapp-numbers/" + number + "/send-rate").body().path("messagesPerSecond")
                .asDouble()).isEqualTo(5.0);

        SharedSendRate instance = new SharedSendRate(jdbc, transactions, RATE, BURST);
        List<Long> slots = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            instance.acquire(number);
            slots.add(System.nanoTime());
        }
        // 5 back to back (a second's worth), then one every 200 ms: the 12th no sooner than 1.4 s after the first
        assertThat((slots.get(11) - slots.get(0)) / 1_000_000).as("ms for 12 sends at 5/s").isGreaterThanOrEqualTo(1_300);
    }
}
