package com.chatnation.crm.application.billing;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two drains of one conversation: the first sends a reply, records that WhatsApp took it (a transaction of its own),
 * then rolls back; the second, which waited for the first one's lock all along, must find that hand-over and so not
 * send the reply again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutboundRepliesLockingIntegrationTest {

    @Autowired
    OutboundReplies replies;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aDrainThatWaitedForTheLockSeesTheHandOverOfTheDrainBeforeIt() throws Exception {
        String conversationId = "conversation-locking-" + UUID.randomUUID();
        String replyId = UUID.randomUUID().toString();
        jdbc.update("""
                INSERT INTO outbound_replies (reply_id, organization_id, conversation_id, contact_phone, module, action,
                    reply, status, queued_at, updated_at)
                VALUES (?, 'org-locking', ?, '+254700000000', 'core', 'reply', '{"variant":"text","body":"hi"}'::jsonb,
                    'pending', now(), now())""", replyId, conversationId);
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        CompletableFuture<Void> firstLocked = new CompletableFuture<>();
        CompletableFuture<Void> secondWaiting = new CompletableFuture<>();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            assertThat(replies.openInOrderLocked(conversationId)).hasSize(1);
            firstLocked.complete(null);
            secondWaiting.join();
            replies.handedOver(replyId, "wamid.locking.1"); // committed at once, whatever becomes of this one
            status.setRollbackOnly(); // e.g. marking the reply sent lost a write race
        }));
        firstLocked.get(10, TimeUnit.SECONDS);
        CompletableFuture<List<OutboundReplies.Row>> second = CompletableFuture.supplyAsync(
                () -> transaction.execute(status -> replies.openInOrderLocked(conversationId)));
        awaitWaitingForLock(conversationId);
        secondWaiting.complete(null);
        first.get(10, TimeUnit.SECONDS);

        List<OutboundReplies.Row> open = second.get(10, TimeUnit.SECONDS);
        assertThat(open).hasSize(1);
        assertThat(open.get(0).handedOverAs()).as("the hand-over committed while the second drain waited")
                .isEqualTo("wamid.locking.1");
    }

    private void awaitWaitingForLock(String conversationId) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        while (jdbc.queryForObject("""
                SELECT count(*) FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND query LIKE '%outbound_replies%'""", Integer.class) == 0) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("the second drain never waited for the first one's lock");
            }
            Thread.sleep(20);
        }
        Thread.sleep(100);
    }
}
