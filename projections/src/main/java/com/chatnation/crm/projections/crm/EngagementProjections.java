package com.chatnation.crm.projections.crm;

/**
 * The processing group the engagement modules' read models share (polls, knowledge bases, HypeCards). Each tracking
 * processor reads every event of the store and stores its token; these projections handle few events each, so one
 * processor for the three costs a third of three of their own, and they are rebuilt together.
 */
public final class EngagementProjections {

    public static final String GROUP = "crm-engagement";

    private EngagementProjections() {
    }
}
