package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.domain.broadcast.CompleteBroadcast;
import com.chatnation.crm.domain.template.TemplateCategory;
import com.chatnation.crm.domain.wallet.CaptureReservation;
import com.chatnation.crm.domain.wallet.ReleaseReservation;
import com.chatnation.crm.domain.wallet.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A broadcast's money. Sent messages are captured from its reservation in batches (one wallet command for every
 * message sent since the last capture, not one per message: the wallet is the organization's busiest aggregate),
 * each marked captured in the same transaction so none is captured twice or forgotten. When every recipient is
 * sent, suppressed or failed, or the broadcast was cancelled and nobody is left in flight, the last sends are
 * captured and the rest of the reservation is released; a broadcast that ran to its end then records captured +
 * released = reserved, to the token.
 */
@Component
class BroadcastSettlement {

    private static final Logger log = LoggerFactory.getLogger(BroadcastSettlement.class);

    private final BroadcastSends sends;
    private final BroadcastRuns runs;
    private final CommandGateway commands;
    private final TransactionalRetry transaction;
    private final JdbcTemplate jdbc;

    BroadcastSettlement(BroadcastSends sends, BroadcastRuns runs, CommandGateway commands,
                        TransactionalRetry transaction, JdbcTemplate jdbc) {
        this.sends = sends;
        this.runs = runs;
        this.commands = commands;
        this.transaction = transaction;
        this.jdbc = jdbc;
    }

    /** Captures the share of every send of the broadcast not captured yet. */
    void capture(String broadcastId) {
        runs.find(broadcastId).ifPresent(run -> transaction.inTransaction(() -> captureInTransaction(run)));
    }

    private void captureInTransaction(BroadcastRuns.Run run) {
        int uncaptured = sends.captureSent(run.broadcastId());
        long price = run.price() == null ? 0 : run.price();
        if (uncaptured > 0 && price > 0 && run.tokensReserved() > 0) {
            commands.sendAndWait(new CaptureReservation(WalletId.forOrganization(run.organizationId()),
                    run.broadcastId(), price * uncaptured, BroadcastStarts.MODULE,
                    TemplateCategory.valueOf(run.templateCategory()).priceAction()));
        }
    }

    /** Settles every started broadcast that has nobody left to send to; answers how many it settled. */
    int settleFinished() {
        int settled = 0;
        for (String broadcastId : runs.unsettled()) {
            if (sends.finished(broadcastId) && Boolean.TRUE.equals(transaction.inTransaction(() -> settle(broadcastId)))) {
                settled++;
            }
        }
        return settled;
    }

    private boolean settle(String broadcastId) {
        // one instance settles a broadcast: the others wait on the row, then find it settled
        Boolean open = jdbc.query("SELECT settled_at IS NULL FROM broadcast_runs WHERE broadcast_id = ? FOR UPDATE",
                rs -> rs.next() ? rs.getBoolean(1) : null, broadcastId);
        if (!Boolean.TRUE.equals(open) || !sends.finished(broadcastId)) {
            return false;
        }
        BroadcastRuns.Run run = runs.find(broadcastId).orElseThrow();
        captureInTransaction(run);
        long released = 0;
        if (run.tokensReserved() > 0) {
            released = commands.<Long>sendAndWait(new ReleaseReservation(WalletId.forOrganization(run.organizationId()),
                    broadcastId));
        }
        if ("sending".equals(run.status())) {
            int[] outcome = sends.outcome(broadcastId);
            commands.sendAndWait(new CompleteBroadcast(broadcastId, outcome[0], outcome[1],
                    run.tokensReserved() - released, released));
        }
        runs.settled(broadcastId);
        log.info("Broadcast {} settled ({}): {} of {} reserved tokens released", broadcastId, run.status(), released,
                run.tokensReserved());
        return true;
    }
}
