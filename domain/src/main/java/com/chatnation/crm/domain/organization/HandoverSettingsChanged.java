package com.chatnation.crm.domain.organization;

/** The organization's handover settings, normalized (words in upper case, single spaces). */
public record HandoverSettingsChanged(String organizationId, HandoverSettings settings) {
}
