package com.chatnation.crm.domain.program;

/** Every subscription event names its stream, program, organization and contact. */
public interface ProgramSubscriptionEvent {

    String subscriptionId();

    String programId();

    String organizationId();

    String contactId();
}
