package com.chatnation.crm.projections.organizations;

import com.chatnation.crm.domain.organization.ConsentWords;
import com.chatnation.crm.domain.organization.HandoverSettings;
import com.chatnation.crm.domain.organization.PriceList;
import com.chatnation.crm.domain.organization.TokenPrice;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** Looks organizations up by id, by the WhatsApp number they answer on, or by their API key's hash. */
@Repository
public class OrganizationDirectory {

    private static final TypeReference<List<TokenPrice>> PRICES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RowMapper<OrganizationRow> rows;

    public OrganizationDirectory(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.rows = (rs, n) -> new OrganizationRow(rs.getString("id"), rs.getString("name"),
                rs.getString("whatsapp_phone_number_id"), rs.getString("api_key_hash"),
                rs.getLong("low_balance_threshold"), prices(rs.getString("price_list")),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("status"));
    }

    public Optional<OrganizationRow> byId(String organizationId) {
        return one("SELECT * FROM organizations WHERE id = ?", organizationId);
    }

    public Optional<OrganizationRow> byPhoneNumberId(String phoneNumberId) {
        return one("SELECT * FROM organizations WHERE whatsapp_phone_number_id = ?", phoneNumberId);
    }

    public Optional<OrganizationRow> byApiKeyHash(String apiKeyHash) {
        return one("SELECT * FROM organizations WHERE api_key_hash = ?", apiKeyHash);
    }

    /** The organization whose WhatsApp Business Account this is (template webhooks name only the account). */
    public Optional<String> byWhatsAppAccountId(String whatsAppAccountId) {
        return jdbc.queryForList("SELECT id FROM organizations WHERE whatsapp_business_account_id = ?", String.class,
                whatsAppAccountId).stream().findFirst();
    }

    /** The organization's WhatsApp Business Account id, when it has named one. */
    public Optional<String> whatsAppAccountId(String organizationId) {
        return jdbc.queryForList("SELECT whatsapp_business_account_id FROM organizations WHERE id = ?", String.class,
                organizationId).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    private Optional<OrganizationRow> one(String sql, String arg) {
        return jdbc.query(sql, rows, arg).stream().findFirst();
    }

    private PriceList prices(String value) {
        try {
            return new PriceList(json.readValue(value, PRICES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("organizations.price_list is not a valid price list", e);
        }
    }

    /** The words that opt the organization's contacts out of and into marketing; the defaults unless it set its own. */
    public ConsentWords consentWords(String organizationId) {
        List<ConsentWords> words = jdbc.query("""
                SELECT consent_opt_out_words, consent_opt_in_words FROM organizations
                WHERE id = ? AND consent_opt_out_words IS NOT NULL AND consent_opt_in_words IS NOT NULL""",
                (rs, n) -> new ConsentWords(List.of((String[]) rs.getArray(1).getArray()),
                        List.of((String[]) rs.getArray(2).getArray())), organizationId);
        return words.isEmpty() ? ConsentWords.DEFAULT : words.get(0);
    }

    /** How the organization's contacts reach its team; the defaults unless it set its own. */
    public HandoverSettings handoverSettings(String organizationId) {
        List<String> stored = jdbc.queryForList("""
                SELECT handover_settings::text FROM organizations WHERE id = ? AND handover_settings IS NOT NULL""",
                String.class, organizationId);
        if (stored.isEmpty()) {
            return HandoverSettings.DEFAULT;
        }
        try {
            return json.readValue(stored.get(0), HandoverSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("organizations.handover_settings is not valid handover settings", e);
        }
    }

    /**
     * Whether utility and authentication templates go to the organization's contacts who opted out of marketing.
     * True for an organization not (yet) in the table, like the column's default: a marketing opt-out alone never
     * stops a message the contact asked for.
     */
    public boolean utilityToOptedOut(String organizationId) {
        return jdbc.queryForList("SELECT utility_to_opted_out FROM organizations WHERE id = ?", Boolean.class,
                organizationId).stream().findFirst().orElse(true);
    }

    /** How many days the organization keeps message texts; empty when it keeps them without a limit. */
    public Optional<Integer> messageRetentionDays(String organizationId) {
        return jdbc.queryForList("SELECT message_retention_days FROM organizations WHERE id = ?", Integer.class,
                organizationId).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** Organizations that limit how long message texts are kept, with their limit in days. */
    public java.util.Map<String, Integer> messageRetentions() {
        java.util.Map<String, Integer> limits = new java.util.LinkedHashMap<>();
        jdbc.query("SELECT id, message_retention_days FROM organizations WHERE message_retention_days IS NOT NULL "
                + "ORDER BY id", rs -> {
            limits.put(rs.getString(1), rs.getInt(2));
        });
        return limits;
    }
}
