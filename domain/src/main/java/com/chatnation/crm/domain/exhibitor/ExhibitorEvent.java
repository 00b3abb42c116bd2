package com.chatnation.crm.domain.exhibitor;

/** Every event of an exhibitor's stream names the exhibitor and its organization. */
public interface ExhibitorEvent {

    String exhibitorId();

    String organizationId();
}
