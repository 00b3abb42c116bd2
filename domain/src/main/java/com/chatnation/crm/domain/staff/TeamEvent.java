package com.chatnation.crm.domain.staff;

/** Every team event names its team and organization, so read models never need to look either up. */
public interface TeamEvent {

    String teamId();

    String organizationId();
}
