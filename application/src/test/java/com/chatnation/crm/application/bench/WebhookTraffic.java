package com.chatnation.crm.application.bench;

import com.chatnation.crm.application.conversations.ingestion.WebhookSignature;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a webhook endpoint with signed WhatsApp Cloud API deliveries from a bounded pool of closed-loop HTTP
 * clients (each sends its next request when the previous one was answered).
 *
 * <p>Every contact walks the feedback survey over and over: the keyword, a rating (typed or picked from the
 * list), yes/no (tapped or typed), two free-text answers; that is 4 typed messages to 1 interactive reply. A
 * contact waits for the bot's answer to its last message before it speaks again (as people do; after
 * {@link #REPLY_PATIENCE} it speaks anyway), so the accepted rate is one the service sustains, not one that
 * only fills its inbox. Every reply the Graph API stand-in hands a wamid for becomes a delivery status to
 * send back; a quarter of the requests are statuses. Against the baseline, which does
 * not reply, a contact speaks again once its message is accepted and statuses are about its own messages.
 */
final class WebhookTraffic {

    static final Duration REPLY_PATIENCE = Duration.ofSeconds(30);
    static final double STATUS_SHARE = 0.25;

    record Organization(String id, String phoneNumberId, int index) {
    }

    static final class Contact {
        final Organization organization;
        final String waId;
        int step;
        volatile String awaiting;
        volatile long awaitingSince;

        Contact(Organization organization, String waId) {
            this.organization = organization;
            this.waId = waId;
        }
    }

    private record Status(String phoneNumberId, String recipient, String wamid) {
    }

    /** What one run measured. Latencies in milliseconds. */
    record Result(String system, double seconds, long messagesAccepted, long statusesAccepted, long textMessages,
                  long interactiveMessages, long refused, double messagesPerSecond, double requestsPerSecond,
                  double webhookP50, double webhookP99, double visibleP50, double visibleP99, int visibleSamples,
                  double replyP50, double replyP99, int replySamples, long unanswered, long visibilityTimedOut,
                  Instant windowStartedAt, Instant windowEndedAt) {
    }

    private final String system;
    private final List<String> urls = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
    private final String appSecret;
    private final boolean awaitReplies;
    private final int clients;
    private final String jdbcUrl;
    private final String dbUser;
    private final String dbPassword;
    private final List<Contact> contacts = new ArrayList<>();
    private final LinkedBlockingQueue<Contact> ready = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Status> statuses = new ConcurrentLinkedQueue<>();
    private final AtomicInteger statusBacklog = new AtomicInteger();
    private final Map<String, Contact> awaitingReply = new ConcurrentHashMap<>();
    private final Map<String, Contact> byWaId = new HashMap<>();
    private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> repliedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> pendingVisibility = new ConcurrentHashMap<>();
    private final Latencies webhook = new Latencies();
    private final Latencies visible = new Latencies();
    private final Latencies replied = new Latencies();
    private final AtomicLong messagesAccepted = new AtomicLong();
    private final AtomicLong visibilityQueries = new AtomicLong();
    private final AtomicLong statusesAccepted = new AtomicLong();
    private final AtomicLong texts = new AtomicLong();
    private final AtomicLong interactive = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong statusesSent = new AtomicLong();
    private final AtomicLong visibilityTimedOut = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong nextSlot = new AtomicLong(Long.MIN_VALUE);
    private volatile long slotNanos;
    private volatile boolean running;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    /**
     * @param firstContact number of each organization's first contact, so that a second run against the same
     *                     service starts fresh conversations instead of landing in the middle of earlier ones
     * @param jdbcUrl      where the service's {@code messages} read table is polled for inbound wamids; null for the
     *                     baseline, whose messages are visible when it answers
     */
    WebhookTraffic(String system, String url, String appSecret, List<Organization> organizations,
                   int firstContact, int contactsPerOrganization, int clients, boolean awaitReplies, String jdbcUrl,
                   String dbUser, String dbPassword) {
        this.system = system;
        this.urls.add(url);
        this.appSecret = appSecret;
        this.awaitReplies = awaitReplies;
        this.clients = clients;
        this.jdbcUrl = jdbcUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        for (Organization organization : organizations) {
            for (int c = firstContact; c < firstContact + contactsPerOrganization; c++) {
                Contact contact = new Contact(organization, phone(organization.index(), c));
                contacts.add(contact);
                byWaId.put(contact.waId, contact);
            }
        }
        List<Contact> shuffled = new ArrayList<>(contacts);
        java.util.Collections.shuffle(shuffled);
        ready.addAll(shuffled);
    }

    /**
     * Offers messages at no more than {@code messagesPerSecond}, evenly spaced, instead of as fast as the replies
     * come back. Below the service's capacity the queues stay empty, so the lag measured is the time one message
     * takes through the service rather than the time it waits behind the others (which, saturated, is just the
     * number of contacts in flight divided by the throughput).
     */
    /**
     * Sends every other request to another instance of the same service (more of them, in turn), as a load balancer
     * in front of several instances would: a contact's messages land on any of them.
     */
    WebhookTraffic alsoTo(String url) {
        urls.add(url);
        return this;
    }

    WebhookTraffic paced(double messagesPerSecond) {
        slotNanos = (long) (1e9 / messagesPerSecond);
        return this;
    }

    /** Waits for the next free send slot when paced; a client that fell behind does not get to burst. */
    private void awaitSlot() throws InterruptedException {
        long interval = slotNanos;
        if (interval == 0) {
            return;
        }
        long now = System.nanoTime();
        long slot = nextSlot.updateAndGet(next -> Math.max(next, now) + interval) - interval;
        if (slot > now) {
            TimeUnit.NANOSECONDS.sleep(slot - now);
        }
    }

    /** Contacts' numbers: 2547 9 oo ccccccc; history copies rewrite the leading 25479 (see EventHistory). */
    static String phone(int organization, int contact) {
        return "25479" + String.format("%02d%05d", organization % 100, contact);
    }

    /** Called by the Graph API stand-in for every reply the service sends. */
    void replied(String inReplyTo, String recipient, String wamid, long at) {
        if (inReplyTo == null) {
            // Not every reply quotes the message it answers (a survey's next question does not): it then answers
            // the recipient's message that is waiting for the bot.
            Contact recipientContact = recipient == null ? null : byWaId.get(recipient.replace("+", ""));
            inReplyTo = recipientContact == null ? null : recipientContact.awaiting;
            if (inReplyTo == null) {
                return;
            }
        }
        Contact contact = awaitingReply.remove(inReplyTo);
        if (repliedAt.putIfAbsent(inReplyTo, at) == null) {
            Long accepted = acceptedAt.get(inReplyTo);
            if (accepted != null) {
                replied.record(Math.max(0, at - accepted));
            }
        }
        if (contact != null) {
            addStatus(new Status(contact.organization.phoneNumberId(), recipient, wamid));
            if (wamid != null && inReplyTo.equals(contact.awaiting)) {
                contact.awaiting = null;
                ready.offer(contact);
            }
        }
    }

    Result run(Duration warmUp, Duration measured) throws InterruptedException {
        running = true;
        long start = System.nanoTime();
        windowStart = start + warmUp.toNanos();
        windowEnd = windowStart + measured.toNanos();
        Instant windowStartedAt = Instant.now().plus(warmUp);
        Instant windowEndedAt = windowStartedAt.plus(measured);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(this::client, system + "-client-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        Thread poller = new Thread(this::pollVisibility, system + "-visibility");
        poller.setDaemon(true);
        if (jdbcUrl != null) {
            poller.start();
        }
        Thread patience = new Thread(this::losePatienceWithSilentBot, system + "-patience");
        patience.setDaemon(true);
        patience.start();
        TimeUnit.NANOSECONDS.sleep(windowEnd - System.nanoTime());
        running = false;
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        // Let the measured messages finish their way through the service.
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < drainUntil && (!pendingVisibility.isEmpty() || measuredAwaitingReply() > 0)) {
            Thread.sleep(100);
        }
        poller.interrupt();
        patience.interrupt();
        poller.join(5_000);
        double seconds = measured.toNanos() / 1e9;
        return new Result(system, seconds, messagesAccepted.get(), statusesAccepted.get(), texts.get(),
                interactive.get(), refused.get(), messagesAccepted.get() / seconds,
                (messagesAccepted.get() + statusesAccepted.get()) / seconds,
                webhook.percentileMillis(50), webhook.percentileMillis(99),
                visible.percentileMillis(50), visible.percentileMillis(99), visible.count(),
                replied.percentileMillis(50), replied.percentileMillis(99), replied.count(),
                awaitReplies ? measuredAwaitingReply() : 0, visibilityTimedOut.get() + pendingVisibility.size(),
                windowStartedAt, windowEndedAt);
    }

    private long measuredAwaitingReply() {
        if (!awaitReplies) {
            return 0;
        }
        return acceptedAt.keySet().stream().filter(wamid -> !repliedAt.containsKey(wamid)).count();
    }

    private void client() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running) {
            try {
                Status status = statusDue() ? takeStatus() : null;
                if (status != null) {
                    statusesSent.incrementAndGet();
                    send(statusBody(status, random.nextDouble() < 0.7 ? "delivered" : "read"), false, null, null);
                    continue;
                }
                Contact contact = ready.poll(20, TimeUnit.MILLISECONDS);
                if (contact == null) {
                    continue;
                }
                awaitSlot();
                String wamid = "wamid.bench." + UUID.randomUUID();
                boolean tap = false;
                // one interactive reply in five messages: the rating is picked from the list or the yes/no tapped
                if (contact.step == 1) {
                    tap = random.nextBoolean();
                } else if (contact.step == 2) {
                    tap = !lastRatingWasTapped(contact);
                }
                String body = messageBody(contact, wamid, tap, random);
                contact.step = (contact.step + 1) % 5;
                if (awaitReplies) {
                    contact.awaiting = wamid;
                    contact.awaitingSince = System.nanoTime();
                    awaitingReply.put(wamid, contact);
                }
                messagesSent.incrementAndGet();
                boolean ok = send(body, true, wamid, contact);
                if (ok) {
                    (tap ? interactive : texts).incrementAndGet();
                }
                if (!awaitReplies || !ok) {
                    awaitingReply.remove(wamid);
                    contact.awaiting = null;
                    ready.offer(contact);
                    if (ok && !awaitReplies && random.nextDouble() < 0.33) {
                        addStatus(new Status(contact.organization.phoneNumberId(), contact.waId, wamid));
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                refused.incrementAndGet();
            }
        }
    }

    private final Map<Contact, Boolean> ratingTapped = new ConcurrentHashMap<>();

    private boolean lastRatingWasTapped(Contact contact) {
        return Boolean.TRUE.equals(ratingTapped.get(contact));
    }

    private String messageBody(Contact contact, String wamid, boolean tap, ThreadLocalRandom random) {
        String rating = Integer.toString(3 + random.nextInt(3));
        String message = switch (contact.step) {
            case 0 -> text("feedback");
            case 1 -> {
                ratingTapped.put(contact, tap);
                yield tap ? "\"type\":\"interactive\",\"interactive\":{\"type\":\"list_reply\",\"list_reply\":{\"id\":\""
                        + rating + "\",\"title\":\"" + rating + "\"}}" : text(rating);
            }
            case 2 -> tap ? "\"type\":\"interactive\",\"interactive\":{\"type\":\"button_reply\",\"button_reply\":"
                    + "{\"id\":\"yes\",\"title\":\"Yes\"}}" : text("yes");
            case 3 -> text(PRAISE[random.nextInt(PRAISE.length)]);
            default -> text("Nothing more, thank you");
        };
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","changes":[{"field":"messages","value":{\
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},\
                "contacts":[{"profile":{"name":"Contact %s"},"wa_id":"%s"}],\
                "messages":[{"from":"%s","id":"%s","timestamp":"%d",%s}]}}]}]}"""
                .formatted(contact.organization.phoneNumberId(), contact.organization.phoneNumberId(), contact.waId,
                        contact.waId, contact.waId, wamid, System.currentTimeMillis() / 1000, message);
    }

    private static final String[] PRAISE = {"The music was great and the crowd was lovely",
            "Loved the speakers, the food was a bit slow", "Amazing organisation, very happy",
            "It was okay but the queue at the gate was too long", "Best event this year!"};

    private static String text(String body) {
        return "\"type\":\"text\",\"text\":{\"body\":\"" + body + "\"}";
    }

    private static String statusBody(Status status, String kind) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","changes":[{"field":"messages","value":{\
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},\
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s",\
                "pricing":{"billable":true,"pricing_model":"CBP","category":"service"}}]}}]}]}"""
                .formatted(status.phoneNumberId(), status.phoneNumberId(), status.wamid(), kind,
                        System.currentTimeMillis() / 1000, status.recipient());
    }

    /**
     * Whether the next request should be a status, keeping statuses at {@link #STATUS_SHARE} of all requests. Every
     * reply yields one, so there are more to send than that; the rest are dropped (a client that found no contact
     * ready used to send them all, which made half of a saturated run's requests statuses).
     */
    private boolean statusDue() {
        return statusesSent.get() * (1 - STATUS_SHARE) < messagesSent.get() * STATUS_SHARE;
    }

    private Status takeStatus() {
        Status status = statuses.poll();
        if (status != null) {
            statusBacklog.decrementAndGet();
        }
        return status;
    }

    private void addStatus(Status status) {
        if (statusBacklog.get() < 50_000) {
            statuses.add(status);
            statusBacklog.incrementAndGet();
        }
    }

    /** @return true when the endpoint answered 200 */
    private boolean send(String body, boolean message, String wamid, Contact contact) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String url = urls.get((int) (requests.getAndIncrement() % urls.size()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.headerValue(bytes, appSecret))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long answered = System.nanoTime();
        boolean measured = started >= windowStart && started < windowEnd;
        if (response.statusCode() != 200) {
            if (measured) {
                refused.incrementAndGet();
            }
            return false;
        }
        if (!measured) {
            return true;
        }
        webhook.record(answered - started);
        if (!message) {
            statusesAccepted.incrementAndGet();
            return true;
        }
        messagesAccepted.incrementAndGet();
        if (awaitReplies) {
            acceptedAt.put(wamid, answered);
            Long early = repliedAt.get(wamid);
            if (early != null) {
                replied.record(Math.max(0, early - answered));
            }
        }
        if (jdbcUrl != null && ThreadLocalRandom.current().nextInt(4) == 0) {
            pendingVisibility.put(wamid, answered);
        }
        return true;
    }

    /**
     * The probe's own queries so far: each is a transaction of the database (autocommit), which the cost per message
     * leaves out.
     */
    long visibilityQueries() {
        return visibilityQueries.get();
    }

    /** Polls the service's {@code messages} read table for a sample (one in four) of the accepted messages. */
    private void pollVisibility() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
             PreparedStatement select = connection.prepareStatement("SELECT id FROM messages WHERE id = ANY (?)")) {
            while (!Thread.currentThread().isInterrupted()) {
                List<String> ids = pendingVisibility.keySet().stream().limit(2000).toList();
                if (!ids.isEmpty()) {
                    Array array = connection.createArrayOf("varchar", ids.toArray());
                    select.setArray(1, array);
                    try (ResultSet rows = select.executeQuery()) {
                        visibilityQueries.incrementAndGet();
                        long now = System.nanoTime();
                        while (rows.next()) {
                            Long accepted = pendingVisibility.remove(rows.getString(1));
                            if (accepted != null) {
                                visible.record(Math.max(0, now - accepted));
                            }
                        }
                    }
                    long now = System.nanoTime();
                    pendingVisibility.entrySet().removeIf(e -> {
                        boolean expired = now - e.getValue() > TimeUnit.SECONDS.toNanos(60);
                        if (expired) {
                            visibilityTimedOut.incrementAndGet();
                        }
                        return expired;
                    });
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException done) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.err.println("visibility poller stopped: " + e);
        }
    }

    /** A contact whose message got no answer within {@link #REPLY_PATIENCE} speaks again anyway. */
    private void losePatienceWithSilentBot() {
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            for (Contact contact : contacts) {
                String waitingFor = contact.awaiting;
                if (waitingFor != null && now - contact.awaitingSince > REPLY_PATIENCE.toNanos()) {
                    if (awaitingReply.remove(waitingFor) != null) {
                        contact.awaiting = null;
                        ready.offer(contact);
                    }
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long offeredStatusesBacklog() {
        return statusBacklog.get();
    }
}
