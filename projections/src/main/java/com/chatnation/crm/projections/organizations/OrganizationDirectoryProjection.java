package com.chatnation.crm.projections.organizations;

import com.chatnation.crm.domain.organization.HandoverSettingsChanged;
import com.chatnation.crm.domain.organization.MessageRetentionChanged;
import com.chatnation.crm.domain.organization.OrganizationOnboarded;
import com.chatnation.crm.domain.organization.OrganizationResumed;
import com.chatnation.crm.domain.organization.OrganizationSuspended;
import com.chatnation.crm.domain.organization.PriceList;
import com.chatnation.crm.domain.organization.PriceListChanged;
import com.chatnation.crm.domain.organization.UtilityToOptedOutChanged;
import com.chatnation.crm.domain.organization.WhatsAppAccountChanged;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.chatnation.crm.domain.organization.ConsentWordsChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Maintains the {@code organizations} table. It runs in the subscribing processing group
 * {@value #GROUP}, inside the transaction that stores the organization's events, so a second organization
 * claiming an already routed WhatsApp number fails as a whole.
 */
@Component
@ProcessingGroup(OrganizationDirectoryProjection.GROUP)
public class OrganizationDirectoryProjection {

    public static final String GROUP = "organization-directory";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public OrganizationDirectoryProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(OrganizationOnboarded event, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO organizations (id, name, whatsapp_phone_number_id, api_key_hash,
                                                   low_balance_threshold, price_list, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                            whatsapp_phone_number_id = excluded.whatsapp_phone_number_id,
                            api_key_hash = excluded.api_key_hash,
                            low_balance_threshold = excluded.low_balance_threshold,
                            price_list = excluded.price_list""",
                event.organizationId(), event.name(), event.phoneNumberId(), event.apiKeyHash(),
                event.lowBalanceThreshold(), toJson(event.priceList()), utc(at), utc(at));
    }

    @EventHandler
    void on(MessageRetentionChanged event, @Timestamp Instant at) {
        jdbc.update("UPDATE organizations SET message_retention_days = ?, updated_at = ? WHERE id = ?",
                event.days(), utc(at), event.organizationId());
    }

    /** In the command's transaction: the unique index refuses an account another organization has named. */
    @EventHandler
    void on(WhatsAppAccountChanged event, @Timestamp Instant at) {
        jdbc.update("UPDATE organizations SET whatsapp_business_account_id = ?, updated_at = ? WHERE id = ?",
                event.whatsAppAccountId(), utc(at), event.organizationId());
    }

    @EventHandler
    void on(ConsentWordsChanged event, @Timestamp Instant at) {
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("UPDATE organizations SET consent_opt_out_words = ?, "
                    + "consent_opt_in_words = ?, updated_at = ? WHERE id = ?");
            statement.setArray(1, connection.createArrayOf("text", event.words().optOut().toArray()));
            statement.setArray(2, connection.createArrayOf("text", event.words().optIn().toArray()));
            statement.setObject(3, utc(at));
            statement.setString(4, event.organizationId());
            return statement;
        });
    }

    @EventHandler
    void on(HandoverSettingsChanged event, @Timestamp Instant at) {
        try {
            jdbc.update("UPDATE organizations SET handover_settings = ?::jsonb, updated_at = ? WHERE id = ?",
                    json.writeValueAsString(event.settings()), utc(at), event.organizationId());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("handover settings could not be written as JSON", e);
        }
    }

    @EventHandler
    void on(UtilityToOptedOutChanged event, @Timestamp Instant at) {
        jdbc.update("UPDATE organizations SET utility_to_opted_out = ?, updated_at = ? WHERE id = ?",
                event.send(), utc(at), event.organizationId());
    }

    @EventHandler
    void on(PriceListChanged event, @Timestamp Instant at) {
        jdbc.update("UPDATE organizations SET price_list = ?::jsonb, updated_at = ? WHERE id = ?",
                toJson(event.priceList()), utc(at), event.organizationId());
    }

    @EventHandler
    void on(OrganizationSuspended event, @Timestamp Instant at) {
        jdbc.update("""
                        UPDATE organizations SET status = 'suspended', suspended_reason = ?, suspended_at = ?,
                            updated_at = ?
                        WHERE id = ?""",
                event.reason(), utc(at), utc(at), event.organizationId());
    }

    @EventHandler
    void on(OrganizationResumed event, @Timestamp Instant at) {
        jdbc.update("""
                        UPDATE organizations SET status = 'active', suspended_reason = NULL, suspended_at = NULL,
                            updated_at = ?
                        WHERE id = ?""",
                utc(at), event.organizationId());
    }

    private String toJson(PriceList prices) {
        try {
            return json.writeValueAsString(prices.prices());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("price list could not be written as JSON", e);
        }
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
