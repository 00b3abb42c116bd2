package com.chatnation.crm.domain.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A member holding a contact's personal data: a phone number, a name, what they wrote, where they were. Events
 * and snapshots are immutable and kept for ever, so such a member is never stored as written: it is sealed with a
 * key of the contact named by the {@link DataSubject} member of the same object, and erasing the contact
 * destroys that key (crypto-shredding). Read back without its key, the member is {@code null}.
 *
 * <p>Members marked {@link #messageText()} are what the contact or the bot said: they are sealed with a key of
 * the contact and of the month they were written in, so an organization's retention period can make old texts
 * unreadable without touching the rest of the contact's history.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface PersonalData {

    /** Whether the organization's message text retention applies to this member. */
    boolean messageText() default false;
}
