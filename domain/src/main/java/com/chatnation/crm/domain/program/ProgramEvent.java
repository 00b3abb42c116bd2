package com.chatnation.crm.domain.program;

/** Every program event names its program and organization, so read models never need to look either up. */
public interface ProgramEvent {

    String programId();

    String organizationId();
}
