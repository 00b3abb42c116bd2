package com.chatnation.crm.domain.template;

/** An event of a {@link MessageTemplate}. */
public interface MessageTemplateEvent {

    String templateId();

    String organizationId();
}
