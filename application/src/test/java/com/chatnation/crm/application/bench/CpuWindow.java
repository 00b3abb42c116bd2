package com.chatnation.crm.application.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time the service's process and PostgreSQL spend in a run's measured window only (after its warm-up, while
 * the JIT compiler is still busy and the run is far from steady), read from {@code /proc} at its start and end.
 */
final class CpuWindow {

    private final CompletableFuture<double[]> spent;

    private CpuWindow(CompletableFuture<double[]> spent) {
        this.spent = spent;
    }

    /** Starts timing now: the window opens after {@code warmUp} and lasts {@code measured}. */
    static CpuWindow after(long servicePid, Duration warmUp, Duration measured) {
        return new CpuWindow(CompletableFuture.supplyAsync(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(warmUp.toMillis());
                double[] before = CostPerMessage.cpuSeconds(servicePid);
                TimeUnit.MILLISECONDS.sleep(measured.toMillis());
                double[] after = CostPerMessage.cpuSeconds(servicePid);
                return new double[] {after[0] - before[0], after[1] - before[1]};
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new double[] {Double.NaN, Double.NaN};
            }
        }));
    }

    /** CPU seconds of the service and of PostgreSQL in the window; waits for it to close. */
    double[] seconds() {
        return spent.join();
    }
}
