package com.chatnation.crm.domain.conversation;

import java.util.List;
import java.util.Optional;

/** The organization's HypeCard templates, as the conversation needs them to collect a card's inputs. */
public interface CardCatalog {

    /** The live (not archived) template whose keyword is {@code keyword} (normalized). */
    Optional<CardOnOffer> cardForKeyword(String organizationId, String keyword);

    Optional<CardOnOffer> card(String organizationId, String templateId);

    /** A catalog without templates, for organizations and tests that have none. */
    CardCatalog NONE = new CardCatalog() {
        @Override
        public Optional<CardOnOffer> cardForKeyword(String organizationId, String keyword) {
            return Optional.empty();
        }

        @Override
        public Optional<CardOnOffer> card(String organizationId, String templateId) {
            return Optional.empty();
        }
    };

    /** {@code variables}: what the contact is asked for, in order ({@code name}, {@code title}, {@code photo}). */
    record CardOnOffer(String templateId, String name, List<String> variables) {

        public CardOnOffer {
            variables = List.copyOf(variables);
        }
    }
}
