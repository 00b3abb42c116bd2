package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the organization a WhatsApp number belongs to. A number never moves between organizations, so found
 * routes are cached for good; misses are not, so a number onboarded a moment ago routes at once.
 */
@Component
class OrganizationRouter {

    private final OrganizationDirectory directory;
    private final Map<String, String> routes = new ConcurrentHashMap<>();
    private final Map<String, String> accounts = new ConcurrentHashMap<>();

    OrganizationRouter(OrganizationDirectory directory) {
        this.directory = directory;
    }

    Optional<String> organizationFor(String phoneNumberId) {
        if (phoneNumberId == null) {
            return Optional.empty();
        }
        String cached = routes.get(phoneNumberId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> found = directory.byPhoneNumberId(phoneNumberId).map(OrganizationRow::id);
        found.ifPresent(id -> routes.put(phoneNumberId, id));
        return found;
    }

    /**
     * The organization that named this WhatsApp Business Account. Cached only for a minute, unlike numbers: an
     * organization may correct a mistyped account id.
     */
    Optional<String> organizationForAccount(String accountId) {
        if (accountId == null) {
            return Optional.empty();
        }
        String cached = accounts.get(accountId);
        if (cached != null && !cached.isEmpty() && System.nanoTime() - accountsCachedAt < ACCOUNT_CACHE_NANOS) {
            return Optional.of(cached);
        }
        if (System.nanoTime() - accountsCachedAt >= ACCOUNT_CACHE_NANOS) {
            accounts.clear();
            accountsCachedAt = System.nanoTime();
        }
        Optional<String> found = directory.byWhatsAppAccountId(accountId);
        found.ifPresent(id -> accounts.put(accountId, id));
        return found;
    }

    private static final long ACCOUNT_CACHE_NANOS = 60_000_000_000L;
    private volatile long accountsCachedAt = System.nanoTime();
}
