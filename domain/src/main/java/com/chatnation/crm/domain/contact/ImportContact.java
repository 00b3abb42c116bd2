package com.chatnation.crm.domain.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One accepted row of a contact import: the number and name, tags to add, attributes to set and, when the row
 * says so, the consent. The whole row applies or none of it; a row repeating what the profile already holds
 * changes nothing, so importing the same file twice adds nothing the second time.
 *
 * @param consent null when the row leaves consent as it is
 */
public record ImportContact(@TargetAggregateIdentifier String profileId, String organizationId, String contactId,
                            String phone, String name, List<String> tags, Map<String, String> attributes,
                            ConsentStatus consent, String importId, Instant importedAt) {

    public ImportContact {
        tags = tags == null ? List.of() : List.copyOf(tags);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
