package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.application.conversations.MarketingPreferences;
import com.chatnation.crm.domain.conversation.ConsentSource;
import com.chatnation.crm.application.conversations.InboundMessageService;
import com.chatnation.crm.application.conversations.IncomingMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns one accepted webhook item into commands: messages go to the conversation, statuses to their reply,
 * template changes to their template.
 */
@Component
class InboundEnvelopeDispatcher implements InboundEnvelopeHandler {

    private static final Logger log = LoggerFactory.getLogger(InboundEnvelopeDispatcher.class);

    private final InboundItemCodec codec;
    private final InboundMessageService messages;
    private final DeliveryStatuses statuses;
    private final TemplateStatuses templates;
    private final MeterRegistry meters;
    private final MarketingPreferences preferences;

    public InboundEnvelopeDispatcher(InboundItemCodec codec, InboundMessageService messages, DeliveryStatuses statuses,
                                     TemplateStatuses templates, MeterRegistry meters,
                                     MarketingPreferences preferences) {
        this.preferences = preferences;
        this.codec = codec;
        this.messages = messages;
        this.statuses = statuses;
        this.templates = templates;
        this.meters = meters;
    }

    @Override
    public void handle(InboundEnvelope envelope) {
        WebhookItem item = codec.decode(envelope.kind(), envelope.item());
        if (item instanceof InboundMessage message) {
            receive(envelope, message);
        } else if (item instanceof StatusUpdate status) {
            statuses.record(envelope.organizationId(), status);
        } else if (item instanceof PreferenceUpdate preference) {
            prefer(envelope, preference);
        } else if (item instanceof TemplateUpdate template) {
            templates.record(envelope.organizationId(), template);
        } else if (item instanceof WebhookError error) {
            meters.counter("crm.webhook.errors", "code", String.valueOf(error.code())).increment();
            log.warn("WhatsApp reported an error for phone number {}: {} {} ({})", error.phoneNumberId(), error.code(),
                    error.title(), error.details());
        }
    }

    /** Meta's marketing stop and resume: the same opt-out and opt-in as the contact's own words. */
    private void prefer(InboundEnvelope envelope, PreferenceUpdate preference) {
        Boolean optedIn = preference.marketingOptIn();
        if (optedIn == null || preference.contact() == null) {
            meters.counter("crm.webhook.preferences", "outcome", "ignored").increment();
            log.info("preference {}={} ignored", preference.category(), preference.value());
            return;
        }
        preferences.record(envelope.organizationId(), preference.contact(), optedIn, ConsentSource.META_PREFERENCES,
                preference.at() == null ? envelope.acceptedAt() : preference.at());
        meters.counter("crm.webhook.preferences", "outcome", optedIn ? "resumed" : "stopped").increment();
    }

    private void receive(InboundEnvelope envelope, InboundMessage message) {
        if (message.from() == null) {
            // Contacts known only by a business-scoped user id cannot be replied to by phone number yet.
            meters.counter("crm.webhook.messages", "outcome", "no_phone_number").increment();
            log.warn("message {} has no usable phone number (sender {}); recorded in the inbox only",
                    message.messageId(), message.sender());
            return;
        }
        messages.receive(new IncomingMessage(envelope.organizationId(), message.from(), message.profileName(),
                message.messageId(), message.sentAt() == null ? envelope.acceptedAt() : message.sentAt(),
                message.content(), message.context()));
        meters.counter("crm.webhook.messages", "outcome", "processed", "type", message.content().type()).increment();
    }
}
