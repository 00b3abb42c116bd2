package com.chatnation.crm.application.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The printed table: every figure, its target, and its ratio to the baseline where one applies. */
final class Report {

    private Report() {
    }

    static String table(Map<String, Object> results, WebhookTraffic.Result service, List<LoadBenchmark.Paced> pacedRuns,
                        WebhookTraffic.Result baseline,
                        EventHistory.RawRead raw, LoadBenchmark.Replay replay, Map<String, Object> memory,
                        BroadcastLoad.Figures broadcast, LoadBenchmark.TwoInstances twoInstances) {
        StringBuilder out = new StringBuilder();
        out.append("machine: ").append(results.get("machine")).append('\n');
        out.append("settings: ").append(results.get("settings")).append('\n');
        String line = "+-------------------------------------------+--------------+--------------+----------+--------------+\n";
        out.append(line).append(String.format("| %-41s | %12s | %12s | %8s | %-12s |%n", "figure", "service",
                "baseline", "ratio", "target"));
        out.append(line);
        row(out, "inbound messages/s accepted by webhook", service.messagesPerSecond(), baseline.messagesPerSecond(),
                true, "");
        row(out, "inbound messages/s processed (decided)", number(results.get("processedMessagesPerSecond")),
                baseline.messagesPerSecond(), true, ">= 2000, >=0.5x");
        row(out, "events stored per inbound message", number(results.get("eventsPerInboundMessage")), Double.NaN,
                false, "");
        row(out, "database commits per inbound message", number(results.get("databaseCommitsPerInboundMessage")),
                Double.NaN, false, "");
        row(out, "database rows written per inbound message",
                number(results.get("databaseRowsWrittenPerInboundMessage")), Double.NaN, false, "");
        row(out, "service CPU ms per message (window)", number(results.get("serviceCpuMillisPerInboundMessage")),
                Double.NaN, false, "");
        row(out, "PostgreSQL CPU ms per message (window)", number(results.get("databaseCpuMillisPerInboundMessage")),
                Double.NaN, false, "");
        row(out, "webhook requests/s incl. statuses", service.requestsPerSecond(), baseline.requestsPerSecond(), true, "");
        row(out, "webhook response p50 (ms)", service.webhookP50(), baseline.webhookP50(), true, "");
        row(out, "webhook response p99 (ms)", service.webhookP99(), baseline.webhookP99(), true, "< 25");
        row(out, "saturated: 200 -> row in messages p50", service.visibleP50(), 0, false, "");
        row(out, "saturated: 200 -> row in messages p99", service.visibleP99(), 0, false, "< 1000");
        row(out, "saturated: 200 -> reply at Graph API p50", service.replyP50(), Double.NaN, false, "");
        row(out, "saturated: 200 -> reply at Graph API p99", service.replyP99(), Double.NaN, false, "< 1000");
        for (LoadBenchmark.Paced run : pacedRuns) {
            WebhookTraffic.Result paced = run.result();
            String at = String.format(Locale.ROOT, "paced %.0f/s", run.offeredMessagesPerSecond());
            row(out, at + ": messages/s accepted", paced.messagesPerSecond(), Double.NaN, false, "");
            row(out, at + ": webhook response p99", paced.webhookP99(), Double.NaN, false, "< 25");
            row(out, at + ": 200 -> row in messages p50", paced.visibleP50(), 0, false, "");
            row(out, at + ": 200 -> row in messages p99", paced.visibleP99(), 0, false, "< 1000");
            row(out, at + ": 200 -> reply at Graph API p50", paced.replyP50(), Double.NaN, false, "");
            row(out, at + ": 200 -> reply at Graph API p99", paced.replyP99(), Double.NaN, false, "< 1000");
        }
        if (twoInstances != null) {
            row(out, "two instances: messages/s processed", twoInstances.processedPerSecond(),
                    number(results.get("processedMessagesPerSecond")), true, "vs one");
            row(out, "two instances: webhook response p99 (ms)", twoInstances.traffic().webhookP99(),
                    service.webhookP99(), true, "vs one");
            row(out, "two instances: 200 -> reply p50 (ms)", twoInstances.traffic().replyP50(), service.replyP50(),
                    true, "vs one");
        }
        if (broadcast != null) {
            row(out, "broadcast: recipients stored as events/s", broadcast.recipientsQueuedPerSecond(), Double.NaN,
                    false, "");
            row(out, "broadcast: start (audience + reservation) s", broadcast.startSeconds(), Double.NaN, false, "");
            row(out, "broadcast sends/s with bot traffic (vs cap)", broadcast.broadcastSendsPerSecond(),
                    broadcast.capPerSecond(), true, "");
            row(out, "bot reply p99 (ms) with broadcast (vs alone)", broadcast.botWith().replyP99(),
                    broadcast.botWithout().replyP99(), true, "~1x");
            row(out, "bot reply p50 (ms) with broadcast (vs alone)", broadcast.botWith().replyP50(),
                    broadcast.botWithout().replyP50(), true, "");
        }
        row(out, "replay, events/s (all read models)", replay.eventsPerSecond(), raw.eventsPerSecond(), true,
                ">= 30000");
        out.append(String.format("| %-41s | %12s | %12s | %8s | %-12s |%n", "  (baseline column: raw read+deserialize)",
                "", "", "", ">= 0.5x"));
        Map<?, ?> dashboard = replay.dashboard;
        row(out, "dashboard query p50 (ms)", number(dashboard.get("p50Ms")), Double.NaN, false, "");
        row(out, "dashboard query p95 (ms)", number(dashboard.get("p95Ms")), Double.NaN, false, "< 100");
        row(out, "service peak heap, load (MiB)", number(memory.get("loadPeakHeapMiB")), Double.NaN, false, "< 512");
        row(out, "service peak RSS, load (MiB)", number(memory.get("loadPeakRssMiB")), Double.NaN, false, "");
        row(out, "service peak heap, replay (MiB)", number(memory.get("replayPeakHeapMiB")), Double.NaN, false, "< 512");
        row(out, "service peak RSS, replay (MiB)", number(memory.get("replayPeakRssMiB")), Double.NaN, false, "");
        out.append(line);
        out.append(String.format(Locale.ROOT, "service: %,d messages (%,d typed, %,d interactive) + %,d statuses accepted in "
                        + "%.0f s, %d refused; e2e samples: %d visible, %d replied; unanswered after 20 s drain: %d; "
                        + "inbox backlog at the end: %s%n", service.messagesAccepted(), service.textMessages(),
                service.interactiveMessages(), service.statusesAccepted(), service.seconds(), service.refused(),
                service.visibleSamples(), service.replySamples(), service.unanswered(), results.get("inboxBacklogAfterRun")));
        for (LoadBenchmark.Paced run : pacedRuns) {
            WebhookTraffic.Result paced = run.result();
            out.append(String.format(Locale.ROOT, "paced %.0f/s: %,d messages + %,d statuses accepted in %.0f s, %d refused; "
                            + "e2e samples: %d visible, %d replied; unanswered after 20 s drain: %d%n",
                    run.offeredMessagesPerSecond(), paced.messagesAccepted(), paced.statusesAccepted(), paced.seconds(),
                    paced.refused(), paced.visibleSamples(), paced.replySamples(), paced.unanswered()));
        }
        if (twoInstances != null) {
            WebhookTraffic.Result two = twoInstances.traffic();
            out.append(String.format(Locale.ROOT, "two instances: %,d messages + %,d statuses accepted in %.0f s, %d "
                            + "refused; unanswered after 20 s drain: %d; %s%n", two.messagesAccepted(),
                    two.statusesAccepted(), two.seconds(), two.refused(), two.unanswered(), twoInstances.decidedBy()));
        }
        out.append("events per inbound message by type: ").append(results.get("eventsOfTheSaturatedRunByType")).append('\n');
        out.append(String.format(Locale.ROOT, "baseline: %,d messages + %,d statuses accepted, %d refused%n",
                baseline.messagesAccepted(), baseline.statusesAccepted(), baseline.refused()));
        out.append(String.format(Locale.ROOT, "replay: %,d of %,d events in %.1f s%s%n", replay.processed, replay.events,
                replay.seconds, replay.completed ? "" : " (NOT complete: " + replay.finalStatus + ")"));
        out.append(String.format(Locale.ROOT, "raw read + deserialize: %,d events in %.1f s%n", raw.events(), raw.seconds()));
        out.append("dashboard by query: ").append(dashboard.get("byQuery")).append('\n');
        out.append("dashboard rows of one organization: ").append(dashboard.get("rowsOfOneOrganization")).append('\n');
        return out.toString();
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static void row(StringBuilder out, String figure, double service, double baseline, boolean ratio,
                            String target) {
        String baselineText = Double.isNaN(baseline) ? "-" : baseline == 0 && !ratio ? "at 200" : format(baseline);
        String ratioText = ratio && baseline > 0 && !Double.isNaN(service) ? String.format(Locale.ROOT, "%.2fx",
                service / baseline) : "-";
        out.append(String.format("| %-41s | %12s | %12s | %8s | %-12s |%n", figure, format(service), baselineText,
                ratioText, target));
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
