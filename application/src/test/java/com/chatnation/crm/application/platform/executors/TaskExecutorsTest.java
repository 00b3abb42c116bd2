package com.chatnation.crm.application.platform.executors;

import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class TaskExecutorsTest {

    @Test
    void aSingleThreadRunsItsTasksInOrderOnANamedDaemonAndFinishesThemOnShutdown() {
        ThreadPoolTaskExecutor lane = TaskExecutors.singleThread("test-lane-", Duration.ofSeconds(10));
        lane.initialize();
        List<String> ran = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 50; i++) {
            int task = i;
            lane.execute(() -> {
                sleep(task == 0 ? 200 : 1);
                ran.add(task + " on " + Thread.currentThread().getName()
                        + (Thread.currentThread().isDaemon() ? " (daemon)" : ""));
            });
        }

        lane.shutdown();

        assertThat(ran).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(ran.get(i)).isEqualTo(i + " on test-lane-1 (daemon)");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
