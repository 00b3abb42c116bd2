package com.chatnation.crm.domain.hypecard;

/** An event of one generated card's life. */
public interface HypeCardEvent {

    String cardId();

    String organizationId();
}
