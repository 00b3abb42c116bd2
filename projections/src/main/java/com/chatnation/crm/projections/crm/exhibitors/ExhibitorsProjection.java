package com.chatnation.crm.projections.crm.exhibitors;

import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.exhibitor.ExhibitorAdded;
import com.chatnation.crm.domain.exhibitor.ExhibitorChanged;
import com.chatnation.crm.domain.exhibitor.ExhibitorProductAdded;
import com.chatnation.crm.domain.exhibitor.ExhibitorProductRemoved;
import com.chatnation.crm.domain.exhibitor.LeadCaptured;
import com.chatnation.crm.domain.exhibitor.LeadInterestRecorded;
import com.chatnation.crm.domain.exhibitor.LeadNoteAdded;
import com.chatnation.crm.domain.exhibitor.LeadStageChanged;
import com.chatnation.crm.domain.exhibitor.LeadRevisited;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.chatnation.crm.projections.crm.events.EventsProjection;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains {@code exhibitors}, {@code exhibitor_products}, {@code leads} and {@code lead_products}, in the events'
 * processing group (an event's exhibitors and leads are read with its tickets). Rows are keyed by natural ids
 * (exhibitor, product, lead = exhibitor and contact), so a redelivered event writes the same row again; a revisit's
 * counter is guarded by its time, which only moves forward. Erasing a contact deletes their leads.
 */
@Component
@ProcessingGroup(EventsProjection.GROUP)
public class ExhibitorsProjection {

    public static final List<String> TABLES = List.of("exhibitors", "exhibitor_products", "leads", "lead_products");

    private final JdbcTemplate jdbc;

    public ExhibitorsProjection(@ReadModelJdbc JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ExhibitorAdded event) {
        jdbc.update("""
                        INSERT INTO exhibitors (id, organization_id, event_id, company_name, booth_code, description,
                                                created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                event.exhibitorId(), event.organizationId(), event.eventId(), event.companyName(), event.boothCode(),
                event.description(), utc(event.at()), utc(event.at()));
    }

    @EventHandler
    void on(ExhibitorChanged event) {
        jdbc.update("UPDATE exhibitors SET company_name = ?, booth_code = ?, description = ?, updated_at = ? "
                        + "WHERE id = ?", event.companyName(), event.boothCode(), event.description(), utc(event.at()),
                event.exhibitorId());
    }

    @EventHandler
    void on(ExhibitorProductAdded event) {
        jdbc.update("""
                        INSERT INTO exhibitor_products (exhibitor_id, id, organization_id, name, description, created_at)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (exhibitor_id, id) DO NOTHING""",
                event.exhibitorId(), event.productId(), event.organizationId(), event.name(), event.description(),
                utc(event.at()));
    }

    @EventHandler
    void on(ExhibitorProductRemoved event) {
        jdbc.update("DELETE FROM exhibitor_products WHERE exhibitor_id = ? AND id = ?", event.exhibitorId(),
                event.productId());
    }

    @EventHandler
    void on(LeadCaptured event) {
        jdbc.update("""
                        INSERT INTO leads (id, organization_id, event_id, exhibitor_id, contact_id, contact_phone,
                                           contact_name, visits, created_at, last_visit_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                event.leadId(), event.organizationId(), event.eventId(), event.exhibitorId(),
                ContactIds.of(event.contactId()), event.contactPhone(), event.contactName(), utc(event.at()),
                utc(event.at()), utc(event.at()));
    }

    @EventHandler
    void on(LeadRevisited event) {
        // a redelivered revisit has the time already recorded, and counts nothing
        jdbc.update("UPDATE leads SET visits = visits + 1, last_visit_at = ?, updated_at = ? "
                + "WHERE id = ? AND last_visit_at < ?", utc(event.at()), utc(event.at()), event.leadId(),
                utc(event.at()));
    }

    @EventHandler
    void on(LeadInterestRecorded event) {
        jdbc.update("""
                        INSERT INTO lead_products (lead_id, product_id, organization_id, exhibitor_id, contact_id,
                                                   product_name, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (lead_id, product_id) DO NOTHING""",
                event.leadId(), event.productId(), event.organizationId(), event.exhibitorId(),
                ContactIds.of(event.contactId()), event.productName(), utc(event.at()));
        jdbc.update("UPDATE leads SET updated_at = GREATEST(updated_at, ?) WHERE id = ?", utc(event.at()),
                event.leadId());
    }

    @EventHandler
    void on(LeadNoteAdded event) {
        jdbc.update("UPDATE leads SET note = ?, updated_at = GREATEST(updated_at, ?) WHERE id = ?", event.note(),
                utc(event.at()), event.leadId());
    }

    @EventHandler
    void on(LeadStageChanged event) {
        jdbc.update("""
                        UPDATE leads SET stage = ?, stage_changed_at = ?, updated_at = GREATEST(updated_at, ?)
                        WHERE id = ?""",
                event.stage().wireName(), utc(event.at()), utc(event.at()), event.leadId());
    }

    /** The organization keeps no trace of an erased visitor's leads. */
    @EventHandler
    void on(ContactErased event) {
        Object contact = ContactIds.of(event.contactId());
        jdbc.update("DELETE FROM lead_products WHERE contact_id = ?", contact);
        jdbc.update("DELETE FROM leads WHERE contact_id = ?", contact);
    }
}
