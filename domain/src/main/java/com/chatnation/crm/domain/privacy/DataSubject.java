package com.chatnation.crm.domain.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The member naming whose personal data the {@link PersonalData} members of the same object are: the opaque
 * contact id (never a phone number, so the id itself may stay in the log after the contact is erased).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface DataSubject {
}
