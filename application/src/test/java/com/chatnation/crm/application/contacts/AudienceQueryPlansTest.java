package com.chatnation.crm.application.contacts;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EXPLAIN of each audience condition as {@code AudienceQueries} issues it: every condition is one range of its
 * index, so a preview costs what the selected contacts cost, not the organization's size. Sequential scans are
 * disabled for the check (on a test database's few rows the planner would rightly prefer them); the last check
 * seeds 20,000 tagged contacts and lets the planner choose.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AudienceQueryPlansTest {

    @Autowired
    DataSource dataSource;

    @Test
    void everyConditionIsARangeOfItsIndex() throws SQLException {
        assertThat(plan("SELECT contact_id FROM contact_tags WHERE organization_id = 'o' AND tag IN ('vip', 'donor')"))
                .contains("contact_tags_organization_tag");
        assertThat(plan("SELECT contact_id FROM contact_attributes WHERE organization_id = 'o' AND key = 'city' "
                + "AND md5(lower(value)) = md5(lower('Nairobi')) AND lower(value) = lower('Nairobi')"))
                .contains("contact_attributes_organization_key_value");
        assertThat(plan("SELECT contact_id FROM survey_responses WHERE organization_id = 'o' AND survey_id = 's' "
                + "AND answers ->> 'q2' IS NOT NULL AND lower(answers ->> 'q2') = lower('yes')"))
                .contains("survey_responses_organization_survey_started");
        // two indexes lead with (organization_id, event_id): the event page's (ordered by registration) serves too
        assertThat(plan("SELECT contact_id FROM participants WHERE organization_id = 'o' AND event_id = 'e'"))
                .containsAnyOf("participants_organization_event", "participants_event_registered")
                .contains("Index Cond: (((organization_id)::text = 'o'::text) AND ((event_id)::text = 'e'::text))");
        assertThat(plan("SELECT contact_id FROM contact_consent WHERE organization_id = 'o' AND status = 'opted_in'"))
                .contains("contact_consent_organization_status");
        assertThat(plan("SELECT id AS contact_id FROM contacts WHERE organization_id = 'o' "
                + "UNION SELECT contact_id FROM contact_profiles WHERE organization_id = 'o'"))
                .contains("contact_profiles_organization").doesNotContain("Seq Scan");
    }

    @Test
    void aRareTagInABigOrganizationIsReadFromItsIndex() throws SQLException {
        String plan = plan(List.of("""
                        INSERT INTO contact_tags (contact_id, organization_id, tag, tagged_at)
                        SELECT gen_random_uuid(), 'explain-org', CASE WHEN n % 1000 = 0 THEN 'rare' ELSE 'common' END,
                               now()
                        FROM generate_series(1, 20000) n""", "ANALYZE contact_tags"),
                "SELECT contact_id FROM contact_tags WHERE organization_id = 'explain-org' AND tag IN ('rare')");
        assertThat(plan).contains("contact_tags_organization_tag").doesNotContain("Seq Scan");
    }

    /**
     * Contacts have several indexes led by the organization (phone prefix, activity), so which one the planner takes
     * for an empty organization depends on the statistics: on 20,000 contacts with their activity spread over
     * time, "active since" an hour ago must be a range of the activity, not a walk of the organization.
     */
    @Test
    void activeSinceIsARangeOfTheActivityInABigOrganization() throws SQLException {
        String plan = plan(List.of("""
                        INSERT INTO contacts (id, organization_id, phone, name, first_seen_at, last_seen_at,
                                              last_sequence, created_at, updated_at)
                        SELECT gen_random_uuid(), 'explain-active', '+2547' || lpad(n::text, 8, '0'), 'Contact ' || n,
                               now(), now() - n * interval '1 minute', 0, now(), now()
                        FROM generate_series(1, 20000) n""", "ANALYZE contacts"),
                "SELECT id FROM contacts WHERE organization_id = 'explain-active' "
                        + "AND last_seen_at >= now() - interval '1 hour'");
        assertThat(plan).doesNotContain("Seq Scan").containsPattern("Index Cond: [^\\n]*last_seen_at >=");
    }

    private String plan(String query) throws SQLException {
        return plan(List.of("SET LOCAL enable_seqscan = off"), query);
    }

    /** EXPLAIN after some setup, all in one transaction that is rolled back. */
    private String plan(List<String> setup, String query) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String step : setup) {
                    statement.execute(step);
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                connection.rollback();
            }
        }
    }
}
