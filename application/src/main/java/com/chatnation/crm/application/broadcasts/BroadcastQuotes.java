package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.billing.WalletService;
import com.chatnation.crm.application.contacts.AudienceDefinitions;
import com.chatnation.crm.domain.template.TemplateCategory;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import com.chatnation.crm.projections.queries.AudienceCondition;
import com.chatnation.crm.projections.queries.AudienceQueries;
import com.chatnation.crm.projections.queries.AudienceQueries.Reach;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a broadcast of a template to a saved audience would cost if it started now, as {@link BroadcastStarts}
 * counts it: the audience as it is now, less whom {@link Suppression} leaves out, times the template category's
 * price, against the wallet's available balance. A quote reserves nothing: the start checks again.
 */
@Service
class BroadcastQuotes {

    /**
     * {@code optedOut} and {@code noConsent}: contacts the start would leave out ({@code leftOut} both); {@code tokens}:
     * what it would reserve; {@code shortfall}: how many tokens the wallet lacks for it (0 when it can pay).
     */
    record Quote(long audienceSize, long optedOut, long noConsent, long leftOut, long recipients, String category,
                 long pricePerMessage, long tokens, long available, long shortfall) {

        static Quote of(long audienceSize, long optedOut, long noConsent, String category, long pricePerMessage,
                        long available) {
            long recipients = Math.max(0, audienceSize - optedOut - noConsent);
            long tokens = Math.multiplyExact(pricePerMessage, recipients);
            return new Quote(audienceSize, optedOut, noConsent, optedOut + noConsent, recipients, category,
                    pricePerMessage, tokens, available, Math.max(0, tokens - available));
        }
    }

    private final AudienceDefinitions audiences;
    private final AudienceQueries audienceQueries;
    private final OrganizationDirectory organizations;
    private final WalletService wallets;

    BroadcastQuotes(AudienceDefinitions audiences, AudienceQueries audienceQueries,
                    OrganizationDirectory organizations, WalletService wallets) {
        this.audiences = audiences;
        this.audienceQueries = audienceQueries;
        this.organizations = organizations;
        this.wallets = wallets;
    }

    /** Empty when the organization has no such audience. */
    Optional<Quote> quote(String organizationId, String templateCategory, UUID audienceId) {
        Optional<List<AudienceCondition>> conditions = audiences.conditions(organizationId, audienceId);
        if (conditions.isEmpty()) {
            return Optional.empty();
        }
        TemplateCategory category = TemplateCategory.parse(templateCategory);
        OrganizationRow organization = organizations.byId(organizationId).orElseThrow();
        Reach reach = audienceQueries.reach(organizationId, conditions.get());
        boolean marketing = category == TemplateCategory.MARKETING;
        boolean utilityToOptedOut = organizations.utilityToOptedOut(organizationId);
        // Suppression.of, counted: a marketing template skips opted-out contacts and imported numbers that never
        // said yes; others skip opted-out contacts only when the organization says so
        long optedOut = marketing || !utilityToOptedOut ? reach.optedOut() : 0;
        long noConsent = marketing ? reach.neverAsked() : 0;
        long price = category == null ? 0 : BroadcastStarts.price(organization, category);
        return Optional.of(Quote.of(reach.size(), optedOut, noConsent,
                category == null ? templateCategory : category.name(), price,
                wallets.balance(organizationId).available()));
    }
}
