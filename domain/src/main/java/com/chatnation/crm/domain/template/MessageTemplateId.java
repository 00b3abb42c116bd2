package com.chatnation.crm.domain.template;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A template's id: a name-based UUID of organization, name and language. Meta's webhooks and template lists name
 * templates that way, so they find the aggregate without a lookup, and two creations of one template meet in one
 * stream instead of making two.
 */
public final class MessageTemplateId {

    private MessageTemplateId() {
    }

    public static String of(String organizationId, String name, String language) {
        return UUID.nameUUIDFromBytes(("message-template/" + organizationId + "/" + name + "/" + language)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
