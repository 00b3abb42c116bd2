package com.chatnation.crm.application.templates;

import com.chatnation.crm.application.platform.whatsapp.SendRate;
import com.chatnation.crm.application.platform.whatsapp.WhatsAppCloudClient;
import com.chatnation.crm.application.platform.whatsapp.WhatsAppProperties;
import com.chatnation.crm.application.platform.whatsapp.WhatsAppTemplateApi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.retry.support.RetryTemplate;

/** The Graph API clients of the templates slice: template management, and sending template messages. */
@Configuration
class TemplatesConfiguration {

    @Bean
    WhatsAppTemplateApi whatsAppTemplateApi(WhatsAppProperties settings) {
        return new WhatsAppTemplateApi(settings);
    }

    /**
     * Template sends share the number's one send cap with the bot's replies ({@link SendRate}: Meta counts a
     * number's messages whoever sends them, on every instance).
     */
    @Bean
    WhatsAppCloudClient templateClient(WhatsAppProperties settings, @Qualifier("cloudApiRetry") RetryTemplate retry,
                                       SendRate sendRate) {
        return new WhatsAppCloudClient(settings, retry, sendRate);
    }
}
