package com.chatnation.crm.projections.queries;

import com.chatnation.crm.projections.queries.ContactQueries.ContactRow;
import com.chatnation.crm.projections.queries.ContactQueries.Search;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The contacts page's tag filter and the list of the organization's tags it offers. */
class ContactTagQueriesTest {

    private static final String ORG = "org-1";
    private static final String OTHER = "org-2";
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
    private final ContactQueries contacts = new ContactQueries(named);
    private final ContactProfileQueries profiles = new ContactProfileQueries(named);

    private final UUID amina = UUID.randomUUID();
    private final UUID baraka = UUID.randomUUID();
    private final UUID chebet = UUID.randomUUID();
    private final UUID stranger = UUID.randomUUID();

    @BeforeEach
    void contacts() {
        Tables.clear(jdbc);
        contact(amina, ORG, "+254712000001", "Amina", 3);
        contact(baraka, ORG, "+254712000002", "Baraka", 2);
        contact(chebet, ORG, "+254733000003", "Chebet", 1);
        contact(stranger, OTHER, "+254712000009", "Amina", 4);
        tag(amina, ORG, "vip");
        tag(amina, ORG, "nairobi");
        tag(chebet, ORG, "vip");
        tag(baraka, ORG, "mombasa");
        tag(stranger, OTHER, "vip");
        tag(stranger, OTHER, "zzz-other");
    }

    @Test
    void aTagNarrowsTheSearchWithinTheOrganization() {
        // most recently active first, as without a tag
        assertThat(contacts.search(ORG, new Search.Everyone(), "vip", null, 50).items()).extracting(ContactRow::id)
                .containsExactly(chebet, amina);
        assertThat(contacts.search(ORG, Search.of("2547120"), "vip", null, 50).items()).extracting(ContactRow::id)
                .containsExactly(amina);
        assertThat(contacts.search(ORG, Search.of("bara"), "vip", null, 50).items()).isEmpty();
        assertThat(contacts.search(ORG, Search.of("+2547 12"), null, null, 50).items()).extracting(ContactRow::id)
                .containsExactly(baraka, amina);

        Page<ContactRow> first = contacts.search(ORG, new Search.Everyone(), "vip", null, 1);
        assertThat(first.items()).extracting(ContactRow::id).containsExactly(chebet);
        Page<ContactRow> second = contacts.search(ORG, new Search.Everyone(), "vip", Cursor.decode(first.nextCursor()), 1);
        assertThat(second.items()).extracting(ContactRow::id).containsExactly(amina);
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void theOrganizationsTagsAreListedOnceEachInOrder() {
        assertThat(profiles.organizationTags(ORG, 200)).containsExactly("mombasa", "nairobi", "vip");
        assertThat(profiles.organizationTags(ORG, 2)).containsExactly("mombasa", "nairobi");
        assertThat(profiles.organizationTags("org-3", 200)).isEmpty();
    }

    private void contact(UUID id, String organization, String phone, String name, int hoursAgo) {
        Timestamp seen = Timestamp.from(NOW.minusSeconds(3600L * hoursAgo));
        jdbc.update("""
                INSERT INTO contacts (id, organization_id, phone, name, first_seen_at, last_seen_at, last_sequence,
                                      created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)""", id, organization, phone, name, seen, seen, seen, seen);
    }

    private void tag(UUID contact, String organization, String tag) {
        jdbc.update("INSERT INTO contact_tags (contact_id, organization_id, tag, tagged_at) VALUES (?, ?, ?, ?)",
                contact, organization, tag, Timestamp.from(NOW));
    }
}
