package com.chatnation.crm.application.platform.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON mapper of everything that is kept or published as history: events in the store, snapshots, dead
 * letters, the domain-event topic. It is the application's mapper plus {@link PersonalDataModule}; a type of its
 * own rather than a second {@code ObjectMapper} bean, which would replace Spring Boot's.
 */
public class EventJson {

    private final ObjectMapper mapper;

    /** @param mapper a mapper that seals personal data ({@link PrivacyConfiguration}); a plain one only in tests */
    public EventJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * A history mapper without the keys: every sealed value reads as erased ({@code null}) and nothing can be
     * sealed. For tools that go through the whole log without touching personal data (measuring a replay's ceiling).
     */
    public static EventJson unkeyed(ObjectMapper applicationMapper) {
        return new EventJson(applicationMapper.copy().registerModule(new PersonalDataModule(null)));
    }
}
