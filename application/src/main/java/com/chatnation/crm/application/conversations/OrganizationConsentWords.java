package com.chatnation.crm.application.conversations;

import com.chatnation.crm.domain.conversation.ConsentWordsCatalog;
import com.chatnation.crm.domain.organization.ConsentWords;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The conversation's view of each organization's consent words, kept for a few seconds: every inbound message
 * needs them and they change seldom, so a change applies to messages within {@link #FRESH_FOR} on every instance.
 */
@Component
class OrganizationConsentWords implements ConsentWordsCatalog {

    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final LoadingCache<String, ConsentWords> words;

    OrganizationConsentWords(OrganizationDirectory organizations) {
        this.words = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(FRESH_FOR)
                .build(organizations::consentWords);
    }

    @Override
    public ConsentWords consentWords(String organizationId) {
        return words.get(organizationId);
    }
}
