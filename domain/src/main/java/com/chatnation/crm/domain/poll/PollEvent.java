package com.chatnation.crm.domain.poll;

/** Every poll event names its poll and organization, so read models never need to look either up. */
public interface PollEvent {

    String pollId();

    String organizationId();
}
