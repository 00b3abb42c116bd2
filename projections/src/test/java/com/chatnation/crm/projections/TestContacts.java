package com.chatnation.crm.projections;

import com.chatnation.crm.domain.common.PhoneNumber;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A stable opaque contact id per phone number, standing in for the contact directory in tests. */
public final class TestContacts {

    private TestContacts() {
    }

    public static String id(String phone) {
        return UUID.nameUUIDFromBytes(("test-contact:" + canonical(phone)).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static String canonical(String phone) {
        try {
            return PhoneNumber.of(phone).e164();
        } catch (RuntimeException notAPhoneNumber) {
            return phone; // tests of refusals pass numbers the domain rejects
        }
    }

    public static String id(PhoneNumber phone) {
        return id(phone.e164());
    }
}
