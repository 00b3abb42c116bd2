package com.chatnation.crm.domain.contact;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** A custom attribute of the contact got a value (what they told a survey, what an import said about them). */
@Revision("1")
public record ContactAttributeSet(String profileId, String organizationId, @DataSubject String contactId, String key,
                                  @PersonalData String value)
        implements ContactProfileEvent {
}
