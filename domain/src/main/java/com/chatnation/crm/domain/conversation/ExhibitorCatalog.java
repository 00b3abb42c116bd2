package com.chatnation.crm.domain.conversation;

import java.util.List;
import java.util.Optional;

/** The exhibitors of the organization's events, as the conversation needs them to turn a booth visit into a lead. */
public interface ExhibitorCatalog {

    /**
     * The booth whose code is {@code boothCode} (upper case, as exhibitors' codes are kept); when exhibitors of
     * several of the organization's events share the code, the one added last.
     */
    Optional<BoothOnOffer> boothForCode(String organizationId, String boothCode);

    Optional<BoothOnOffer> booth(String organizationId, String exhibitorId);

    /** A catalog without exhibitors, for organizations and tests that have none. */
    ExhibitorCatalog NONE = new ExhibitorCatalog() {
        @Override
        public Optional<BoothOnOffer> boothForCode(String organizationId, String boothCode) {
            return Optional.empty();
        }

        @Override
        public Optional<BoothOnOffer> booth(String organizationId, String exhibitorId) {
            return Optional.empty();
        }
    };

    /** An exhibitor's booth, with its products in the order they were added (at most nine). */
    record BoothOnOffer(String exhibitorId, String eventId, String companyName, String boothCode,
                        List<ProductOnOffer> products) {

        public BoothOnOffer {
            products = List.copyOf(products);
        }
    }

    record ProductOnOffer(String productId, String name) {
    }
}
