package com.chatnation.crm.application.conversations;

import com.chatnation.crm.domain.conversation.HandoverSettingsCatalog;
import com.chatnation.crm.domain.organization.HandoverSettings;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.springframework.stereotype.Component;

/**
 * The conversation's view of each organization's handover settings, kept for a few seconds like the consent words
 * ({@link OrganizationConsentWords#FRESH_FOR}): every inbound message needs them and they change seldom.
 */
@Component
class OrganizationHandoverSettings implements HandoverSettingsCatalog {

    private final LoadingCache<String, HandoverSettings> settings;

    OrganizationHandoverSettings(OrganizationDirectory organizations) {
        this.settings = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(OrganizationConsentWords.FRESH_FOR)
                .build(organizations::handoverSettings);
    }

    @Override
    public HandoverSettings handoverSettings(String organizationId) {
        return settings.get(organizationId);
    }
}
