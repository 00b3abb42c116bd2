package com.chatnation.crm.application.platform.whatsapp;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SendRateLimiterTest {

    private final VirtualTime time = new VirtualTime();

    @Test
    void sendsBeyondTheBurstTakeAtLeastTheTimeTheRateAllows() throws InterruptedException {
        SendRateLimiter limiter = new SendRateLimiter(10, 5, time, time);
        long start = time.getAsLong();

        for (int i = 0; i < 25; i++) {
            limiter.acquire("106540352242922");
        }

        // 5 from the burst, then 20 more at 10 per second
        assertThat(Duration.ofNanos(time.getAsLong() - start)).isEqualTo(Duration.ofSeconds(2));
        assertThat(time.sleeps()).hasSize(20).containsOnly(Duration.ofMillis(100));
    }

    @Test
    void theDefaultRateAllowsEightyPerSecond() throws InterruptedException {
        WhatsAppProperties defaults = WhatsAppProperties.defaults();
        SendRateLimiter limiter = new SendRateLimiter(defaults.messagesPerSecond(), defaults.burst(), time, time);
        long start = time.getAsLong();

        for (int i = 0; i < 240; i++) {
            limiter.acquire("106540352242922");
        }

        // 80 at once, then 160 more at 12.5 ms apart
        assertThat(Duration.ofNanos(time.getAsLong() - start)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anIdleNumberRefillsItsBurstButNoFurther() {
        SendRateLimiter limiter = new SendRateLimiter(10, 3, time, time);
        for (int i = 0; i < 3; i++) {
            limiter.reserve("1");
        }
        assertThat(limiter.reserve("1")).isEqualTo(Duration.ofMillis(100));

        time.advance(Duration.ofMinutes(10));

        assertThat(List.of(limiter.reserve("1"), limiter.reserve("1"), limiter.reserve("1"), limiter.reserve("1")))
                .containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofMillis(100));
    }

    @Test
    void numbersHaveSeparateBuckets() {
        SendRateLimiter limiter = new SendRateLimiter(1, 1, time, time);

        assertThat(limiter.reserve("111")).isZero();
        assertThat(limiter.reserve("111")).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.reserve("222")).isZero();
        assertThat(limiter.reserve("111")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void concurrentSendersEachGetTheirOwnSlot() throws Exception {
        // Many threads hammer one number while the clock stands still, so every slot handed out must be distinct: 10 free, then one per 10 ms.
        SendRateLimiter limiter = new SendRateLimiter(100, 10, time, time);
        int threads = 8;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<Duration>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    List<Duration> waits = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        waits.add(limiter.reserve("106540352242922"));
                    }
                    return waits;
                }));
            }
            go.countDown();
            List<Duration> all = new ArrayList<>();
            for (Future<List<Duration>> future : futures) {
                all.addAll(future.get(10, TimeUnit.SECONDS));
            }
            Collections.sort(all);

            List<Duration> expected = new ArrayList<>(Collections.nCopies(10, Duration.ZERO));
            IntStream.rangeClosed(1, threads * perThread - 10).forEach(k -> expected.add(Duration.ofMillis(10L * k)));
            assertThat(all.equals(expected)).as("10 free slots, then exactly one slot per 10 ms, none shared").isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
