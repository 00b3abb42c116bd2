package com.chatnation.crm.domain.exhibitor;

import com.chatnation.crm.domain.common.DomainRuleViolation;

import java.util.Locale;

/**
 * Where an exhibitor's follow-up of a lead stands, as the seed's campaign guide tracks leads: every lead starts
 * {@link #NEW}; the exhibitor's staff move it as they follow it up. Stored and sent over the wire in lower case.
 */
public enum LeadStage {
    NEW, CONTACTED, QUALIFIED, WON, LOST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LeadStage parse(String value) {
        if (value != null) {
            for (LeadStage stage : values()) {
                if (stage.name().equalsIgnoreCase(value.strip())) {
                    return stage;
                }
            }
        }
        throw new DomainRuleViolation("unknown_stage", "a lead's stage is one of new, contacted, qualified, won, lost;"
                + " was '" + value + "'");
    }
}
