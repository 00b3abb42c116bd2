package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.platform.whatsapp.SendRate;
import com.chatnation.crm.application.platform.whatsapp.SendResult;
import com.chatnation.crm.application.platform.whatsapp.SendingNumber;
import com.chatnation.crm.application.platform.whatsapp.TemplateMessage;
import com.chatnation.crm.application.platform.whatsapp.WhatsAppCloudClient;
import com.chatnation.crm.application.platform.whatsapp.WhatsAppProperties;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.OutboundReply;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Component;

/** Sends replies through the WhatsApp Cloud API with the sending number's access token. */
@Component
class WhatsAppReplyTransport implements ReplyTransport {

    private final WhatsAppCloudClient client;
    private final WhatsAppProperties settings;

    WhatsAppReplyTransport(WhatsAppProperties settings, @Qualifier("cloudApiRetry") RetryTemplate retry,
                           SendRate sendRate) {
        this.settings = settings;
        this.client = new WhatsAppCloudClient(settings, retry, sendRate);
    }

    @Override
    public SendResult send(String phoneNumberId, PhoneNumber to, OutboundReply reply, String inReplyToMessageId) {
        String token = settings.accessTokenFor(phoneNumberId);
        if (token == null) {
            return noToken(phoneNumberId);
        }
        return client.send(new SendingNumber(phoneNumberId, token), to, reply, inReplyToMessageId);
    }

    @Override
    public SendResult sendTemplate(String phoneNumberId, PhoneNumber to, TemplateMessage template) {
        String token = settings.accessTokenFor(phoneNumberId);
        if (token == null) {
            return noToken(phoneNumberId);
        }
        return client.sendTemplate(new SendingNumber(phoneNumberId, token), to, template);
    }

    private static SendResult noToken(String phoneNumberId) {
        return new SendResult.Failed(0, null, "WhatsApp access token not configured",
                "no access token is configured for phone number id " + phoneNumberId, true);
    }
}
