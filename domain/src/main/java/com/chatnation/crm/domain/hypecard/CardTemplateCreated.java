package com.chatnation.crm.domain.hypecard;

import java.time.Instant;
import java.util.List;

/** {@code variables}: what the conversation asks the contact for, in order ({@code name}, {@code title}, {@code photo}). */
public record CardTemplateCreated(String templateId, String organizationId, String name, String keyword,
                                  CardLayout layout, List<String> variables, Instant createdAt) {

    public CardTemplateCreated {
        variables = List.copyOf(variables);
    }
}
