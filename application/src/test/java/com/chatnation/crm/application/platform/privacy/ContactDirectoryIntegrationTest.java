package com.chatnation.crm.application.platform.privacy;

import com.chatnation.crm.domain.common.PhoneNumber;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The directory of opaque contact ids on the real database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContactDirectoryIntegrationTest {

    @Autowired
    ContactDirectory directory;
    @Autowired
    JdbcTemplate jdbc;

    private static PhoneNumber phone() {
        return PhoneNumber.of("+2547" + (10_000_000 + (long) (Math.random() * 89_999_999)));
    }

    @org.junit.jupiter.api.AfterEach
    void removeTheContactRowsWrittenHere() {
        // written straight into a read table: the rebuild tests compare read tables with what events give
        jdbc.update("DELETE FROM contacts WHERE organization_id LIKE 'org-directory-%'");
    }

    private static String organization() {
        return "org-directory-" + UUID.randomUUID();
    }

    @Test
    void aNumberHasOneRandomIdPerOrganizationAndIsStoredOnlyAsADigest() {
        String org = organization();
        PhoneNumber phone = phone();
        String id = directory.contactIdFor(org, phone);

        assertThat(directory.contactIdFor(org, phone)).isEqualTo(id);
        assertThat(directory.existing(org, phone)).contains(id);
        assertThat(directory.contactIdFor(organization(), phone)).as("another organization").isNotEqualTo(id);
        assertThat(UUID.fromString(id)).isNotEqualTo(UUID.nameUUIDFromBytes(phone.e164().getBytes(StandardCharsets.UTF_8)));
        String digits = phone.e164().substring(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM contact_directory d WHERE position(? IN d::text) > 0 "
                        + "OR position(? IN d::text) > 0", Integer.class, digits,
                HexFormat.of().formatHex(digits.getBytes(StandardCharsets.UTF_8))))
                .as("the number is in no form in the directory").isZero();
    }

    @Test
    void aForgottenNumberStartsANewContactAndIsNeverLearnedAgain() {
        String org = organization();
        PhoneNumber phone = phone();
        String id = directory.contactIdFor(org, phone);
        // its contact row is still there, as it may be for a moment after an erasure
        jdbc.update("INSERT INTO contacts (id, organization_id, phone, first_seen_at, last_seen_at, message_count, "
                + "conversation_count, last_sequence, created_at, updated_at) VALUES (?::uuid, ?, ?, now(), now(), 1, 1, 0, "
                + "now(), now())", id, org, phone.e164());

        assertThat(directory.forget(org, id)).isTrue();
        assertThat(directory.knows(org, id)).isFalse();
        directory.learnContactsSeenBefore();
        assertThat(directory.existing(org, phone)).isEmpty();
        assertThat(directory.contactIdFor(org, phone)).isNotEqualTo(id);
    }

    @Test
    void contactsSeenBeforeTheDirectoryKeepTheirIds() {
        String org = organization();
        PhoneNumber phone = phone();
        String legacy = UUID.nameUUIDFromBytes(("contact:" + org + ":" + phone.e164()).getBytes(StandardCharsets.UTF_8))
                .toString();
        jdbc.update("INSERT INTO contacts (id, organization_id, phone, first_seen_at, last_seen_at, message_count, "
                + "conversation_count, last_sequence, created_at, updated_at) VALUES (?::uuid, ?, ?, now(), now(), 1, 1, 0, "
                + "now(), now())", legacy, org, phone.e164());

        assertThat(directory.learnContactsSeenBefore()).isGreaterThanOrEqualTo(1);
        assertThat(directory.contactIdFor(org, phone)).isEqualTo(legacy);
        directory.learnContactsSeenBefore();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM contact_directory WHERE contact_id = ?", Integer.class,
                legacy)).as("learned once").isEqualTo(1);
    }
}
