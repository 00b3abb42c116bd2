package com.chatnation.crm.application.platform.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The history mapper: the application's mapper plus sealing of personal data. */
@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

    @Bean
    EventJson eventJson(ObjectMapper applicationMapper, ContactKeys keys) {
        return new EventJson(applicationMapper.copy().registerModule(new PersonalDataModule(keys)));
    }
}
