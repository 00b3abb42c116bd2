package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.application.platform.whatsapp.SendResult;
import com.chatnation.crm.application.platform.whatsapp.SendingNumber;
import com.chatnation.crm.application.platform.whatsapp.TemplateMessage;
import com.chatnation.crm.application.platform.whatsapp.WhatsAppCloudClient;
import com.chatnation.crm.application.platform.whatsapp.WhatsAppProperties;
import com.chatnation.crm.application.platform.whatsapp.MediaMessage;
import com.chatnation.crm.domain.broadcast.BroadcastHeader;
import com.chatnation.crm.domain.broadcast.MarkRecipientSent;
import com.chatnation.crm.domain.broadcast.ParameterBinding;
import com.chatnation.crm.domain.broadcast.RecordRecipientStatus;
import com.chatnation.crm.domain.broadcast.SuppressRecipient;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.conversation.ConsentSource;
import com.chatnation.crm.domain.conversation.ConversationId;
import com.chatnation.crm.domain.conversation.RecordMarketingConsent;
import com.chatnation.crm.domain.conversation.DeliveryStatus;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import com.chatnation.crm.projections.queries.AudienceQueries;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Sends one claimed batch of broadcast recipients. Just before each send it looks again: a cancelled broadcast's
 * recipient, and a contact who opted out of marketing since the broadcast started, are suppressed instead. A send
 * takes a slot of the number's spare capacity (bot replies first), and what WhatsApp answers is recorded with the
 * row in one transaction: sent (its share of the reservation captured after the batch, {@link BroadcastSettlement}),
 * failed for good, or given back to be tried later (throttled or unavailable after the client's own retries).
 */
@Component
class BroadcastSender {

    private static final Logger log = LoggerFactory.getLogger(BroadcastSender.class);
    /**
     * Claims of one recipient after which it is given up as failed: throttling and outages are waited out
     * ({@code crm.broadcasts.retry-delay} apart, so this is many minutes), not retried for ever.
     */
    static final int MAX_ATTEMPTS = 20;
    /** WhatsApp's "this contact stopped marketing messages from the business". */
    static final int MARKETING_STOPPED_CODE = 131050;

    private final BroadcastSends sends;
    private final BroadcastRuns runs;
    private final AudienceQueries audiences;
    private final OrganizationDirectory organizations;
    private final WhatsAppProperties whatsApp;
    private final WhatsAppCloudClient client;
    private final org.axonframework.commandhandling.gateway.CommandGateway commands;
    private final TransactionalRetry transaction;
    private final BroadcastSettlement settlement;
    private final BroadcastProperties properties;
    private final MeterRegistry meters;

    BroadcastSender(BroadcastSends sends, BroadcastRuns runs, AudienceQueries audiences,
                    OrganizationDirectory organizations, WhatsAppProperties whatsApp, WhatsAppCloudClient client,
                    org.axonframework.commandhandling.gateway.CommandGateway commands, TransactionalRetry transaction,
                    BroadcastSettlement settlement, BroadcastProperties properties, MeterRegistry meters) {
        this.sends = sends;
        this.runs = runs;
        this.audiences = audiences;
        this.organizations = organizations;
        this.whatsApp = whatsApp;
        this.client = client;
        this.commands = commands;
        this.transaction = transaction;
        this.settlement = settlement;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * Claims and handles one batch.
     *
     * @param stopping asked between recipients: once true, the rest of the batch is given back unsent
     * @return how many recipients were claimed (0: nothing to do)
     */
    int sendBatch(String sender, java.util.function.BooleanSupplier stopping) {
        List<BroadcastSends.Claimed> batch = sends.claim(sender, properties.claimSize(), properties.lease());
        if (batch.isEmpty()) {
            return 0;
        }
        Map<UUID, Boolean> consent = audiences.marketingConsent(batch.stream()
                .map(BroadcastSends.Claimed::contactId).toList());
        Map<String, Boolean> utilityToOptedOut = new java.util.HashMap<>();
        Set<String> sent = new LinkedHashSet<>();
        Map<String, Optional<BroadcastRuns.Run>> runsById = new java.util.HashMap<>();
        try {
            for (BroadcastSends.Claimed recipient : batch) {
                if (stopping.getAsBoolean()) {
                    break;
                }
                // the run as it is now (read once per batch): a cancel that committed meanwhile is seen here
                Optional<BroadcastRuns.Run> run = runsById.computeIfAbsent(recipient.broadcastId(), runs::find);
                if (run.isPresent() && handle(recipient, run.get(), consent, utilityToOptedOut.computeIfAbsent(
                        recipient.organizationId(), organizations::utilityToOptedOut))) {
                    sent.add(recipient.broadcastId());
                }
            }
        } finally {
            sends.releaseClaims(sender);
            for (String broadcastId : sent) {
                settlement.capture(broadcastId);
            }
        }
        return batch.size();
    }

    /** @return whether the recipient was recorded as sent */
    private boolean handle(BroadcastSends.Claimed recipient, BroadcastRuns.Run run, Map<UUID, Boolean> consent,
                           boolean utilityToOptedOut) {
        if (recipient.handedOver() != null) {
            // WhatsApp took it before, and recording that failed: record it now, without sending it again
            recordSent(recipient, run, recipient.handedOver(), Instant.now());
            return true;
        }
        if ("cancelled".equals(run.status())) {
            suppress(recipient, Suppression.CANCELLED);
            return false;
        }
        String suppression = Suppression.of(run.marketing(), utilityToOptedOut, consent.get(recipient.contactId()),
                true);
        if (suppression != null) {
            suppress(recipient, suppression);
            return false;
        }
        if (recipient.attempts() > MAX_ATTEMPTS) {
            fail(recipient, null, "not sent after " + MAX_ATTEMPTS + " attempts", Instant.now());
            return false;
        }
        Optional<OrganizationRow> organization = organizations.byId(recipient.organizationId());
        if (organization.isEmpty() || organization.get().suspended()) {
            // a suspended organization sends nothing; its broadcast waits for it to be resumed
            sends.retryLater(recipient.recipientId(), Instant.now().plus(properties.retryDelay()));
            return false;
        }
        String phoneNumberId = organization.get().phoneNumberId();
        SendResult result = client.sendBulkTemplate(new SendingNumber(phoneNumberId, whatsApp.accessTokenFor(phoneNumberId)),
                PhoneNumber.of(recipient.phone()), message(recipient, run), run.callbackData());
        Instant at = Instant.now();
        if (result instanceof SendResult.Sent sent) {
            sends.handedOver(recipient.recipientId(), sent.wamid());
            recordSent(recipient, run, sent.wamid(), at);
            return true;
        }
        SendResult.Failed failed = (SendResult.Failed) result;
        if (!failed.permanent()) {
            log.info("WhatsApp did not take broadcast {}'s message for now (HTTP {}, {}); retrying it later",
                    recipient.broadcastId(), failed.httpStatus(), failed.errorTitle());
            sends.retryLater(recipient.recipientId(), at.plus(properties.retryDelay()));
            meters.counter("crm.broadcasts.recipients", "outcome", "retry_later").increment();
            return false;
        }
        fail(recipient, failed.errorCode(), failed.errorTitle(), at);
        if (Integer.valueOf(MARKETING_STOPPED_CODE).equals(failed.errorCode())) {
            optedOut(recipient, at);
        }
        return false;
    }

    /**
     * WhatsApp says the contact stopped the business's marketing messages (131050): recorded on their conversation
     * as Meta's preference webhook is (the conversation is opened for it if they never wrote), so later broadcasts
     * leave them out.
     */
    private void optedOut(BroadcastSends.Claimed recipient, Instant at) {
        String organizationId = recipient.organizationId();
        String contactId = recipient.contactId().toString();
        commands.sendAndWait(new RecordMarketingConsent(ConversationId.of(organizationId, contactId), organizationId,
                contactId, false, ConsentSource.ERROR_131050, at));
    }

    private void recordSent(BroadcastSends.Claimed recipient, BroadcastRuns.Run run, String wamid, Instant at) {
        long price = run.price() == null ? 0 : run.price();
        transaction.inTransaction(() -> {
            commands.sendAndWait(new MarkRecipientSent(recipient.recipientId(), wamid, price, run.templateCategory(),
                    at));
            sends.sent(recipient.recipientId(), wamid, at);
        });
        meters.counter("crm.broadcasts.recipients", "outcome", "sent").increment();
    }

    private void fail(BroadcastSends.Claimed recipient, Integer errorCode, String errorTitle, Instant at) {
        transaction.inTransaction(() -> {
            commands.sendAndWait(new RecordRecipientStatus(recipient.recipientId(), DeliveryStatus.FAILED, at,
                    errorCode, errorTitle));
            sends.ended(recipient.recipientId(), "failed");
        });
        meters.counter("crm.broadcasts.recipients", "outcome", "failed").increment();
    }

    private void suppress(BroadcastSends.Claimed recipient, String reason) {
        transaction.inTransaction(() -> {
            commands.sendAndWait(new SuppressRecipient(recipient.recipientId(), reason));
            sends.ended(recipient.recipientId(), "suppressed");
        });
        meters.counter("crm.broadcasts.recipients", "outcome", "suppressed_" + reason).increment();
    }

    private static TemplateMessage message(BroadcastSends.Claimed recipient, BroadcastRuns.Run run) {
        List<ParameterBinding> bindings = run.parameters();
        List<TemplateMessage.Parameter> body = new ArrayList<>();
        for (int i = 0; i < recipient.parameters().size(); i++) {
            String name = i < bindings.size() ? bindings.get(i).name() : null;
            body.add(new TemplateMessage.Text(name, recipient.parameters().get(i)));
        }
        BroadcastHeader header = run.header();
        TemplateMessage.Parameter media = header == null ? null : new TemplateMessage.Media(null,
                MediaMessage.Kind.valueOf(header.format()), blankToNull(header.link()), blankToNull(header.mediaId()),
                header.filename());
        return new TemplateMessage(run.templateName(), run.templateLanguage(), media, body, List.of());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
