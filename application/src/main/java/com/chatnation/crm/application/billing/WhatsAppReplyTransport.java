package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.media.MediaStore;
import com.chatnation.crm.application.platform.whatsapp.GraphApiRefusal;
import com.chatnation.crm.application.platform.whatsapp.MediaMessage;
import com.chatnation.crm.application.platform.whatsapp.SendRate;
import com.chatnation.crm.application.platform.whatsapp.SendResult;
import com.chatnation.crm.application.platform.whatsapp.SendingNumber;
import com.chatnation.crm.application.platform.whatsapp.TemplateMessage;
import com.chatnation.crm.application.platform.whatsapp.WhatsAppCloudClient;
import com.chatnation.crm.application.platform.whatsapp.WhatsAppMedia;
import com.chatnation.crm.application.platform.whatsapp.WhatsAppProperties;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.OutboundReply;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends replies through the WhatsApp Cloud API with the sending number's access token. An image the service keeps
 * (a HypeCard) is uploaded to WhatsApp first, at each attempt: a media id from an earlier attempt may have expired.
 */
@Component
class WhatsAppReplyTransport implements ReplyTransport {

    private final WhatsAppCloudClient client;
    private final WhatsAppProperties settings;
    private final WhatsAppMedia media;
    private final MediaStore store;

    WhatsAppReplyTransport(WhatsAppProperties settings, @Qualifier("cloudApiRetry") RetryTemplate retry,
                           SendRate sendRate, MediaStore store) {
        this.settings = settings;
        this.client = new WhatsAppCloudClient(settings, retry, sendRate);
        this.media = new WhatsAppMedia(settings);
        this.store = store;
    }

    @Override
    public SendResult send(String phoneNumberId, PhoneNumber to, OutboundReply reply, String inReplyToMessageId) {
        String token = settings.accessTokenFor(phoneNumberId);
        if (token == null) {
            return noToken(phoneNumberId);
        }
        SendingNumber from = new SendingNumber(phoneNumberId, token);
        if (reply instanceof OutboundReply.Image image) {
            return sendImage(from, to, image);
        }
        return client.send(from, to, reply, inReplyToMessageId);
    }

    private SendResult sendImage(SendingNumber from, PhoneNumber to, OutboundReply.Image image) {
        byte[] bytes = store.read(image.storageKey());
        if (bytes == null) {
            return new SendResult.Failed(0, null, "image not kept", "the image to send is no longer kept", true);
        }
        String mediaId;
        try {
            // the service keeps PNG (cards) and JPEG (uploaded photos): the first bytes tell which
            boolean jpeg = bytes.length > 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8;
            mediaId = media.upload(from.accessToken(), from.phoneNumberId(), bytes, jpeg ? "image/jpeg" : "image/png",
                    jpeg ? "image.jpg" : "image.png");
        } catch (GraphApiRefusal refused) {
            // WhatsApp refusing the file itself (4xx) will refuse it again; no answer or a 5xx may pass later
            boolean permanent = refused.httpStatus() >= 400 && refused.httpStatus() < 500 && refused.httpStatus() != 429;
            return new SendResult.Failed(refused.httpStatus(), refused.errorCode(), "media upload failed",
                    refused.getMessage(), permanent);
        }
        return client.sendMedia(from, to, new MediaMessage(MediaMessage.Kind.IMAGE, null, mediaId, image.caption(),
                null));
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
