package com.chatnation.crm.domain.contact;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A contact arrived by import with this number and name (a contact who never wrote is known from here on).
 * Recorded again only when a later import brings another name.
 */
@Revision("1")
public record ContactImported(String profileId, String organizationId, @DataSubject String contactId,
                              @PersonalData String phone, @PersonalData String name, String importId)
        implements ContactProfileEvent {
}
