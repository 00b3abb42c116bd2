package com.chatnation.crm.domain.conversation;

/** The exhibitors of the organization's events, as the conversation needs them to turn a booth visit into a lead. */
public interface ExhibitorCatalog {

    /** A catalog without exhibitors, for organizations and tests that have none. */
    ExhibitorCatalog NONE = new ExhibitorCatalog() {
    };
}
