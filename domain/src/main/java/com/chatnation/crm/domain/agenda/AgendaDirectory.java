package com.chatnation.crm.domain.agenda;

/**
 * What the agenda consults about the organization's other agenda records: speakers and venues are aggregates of their
 * own (reusable across events), so whether one exists is looked up rather than remembered.
 */
public interface AgendaDirectory {

    boolean speakerExists(String organizationId, String speakerId);

    boolean venueExists(String organizationId, String venueId);
}
