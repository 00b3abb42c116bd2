package com.chatnation.crm.application.exhibitors;

import com.chatnation.crm.application.platform.axon.CommandCatalogs;
import com.chatnation.crm.domain.conversation.ExhibitorCatalog;
import com.chatnation.crm.domain.exhibitor.ExhibitorAdded;
import com.chatnation.crm.domain.exhibitor.ExhibitorChanged;
import com.chatnation.crm.domain.exhibitor.ExhibitorProductAdded;
import com.chatnation.crm.domain.exhibitor.ExhibitorProductRemoved;
import com.chatnation.crm.domain.exhibitor.ExhibitorStaffAssigned;
import com.chatnation.crm.domain.exhibitor.ExhibitorStaffUnassigned;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * The conversation's view of the exhibitors at the organization's events ({@code exhibitor_catalog},
 * {@code exhibitor_product_catalog}) and who may read each one's leads ({@code exhibitor_staff}), kept in the
 * transactions of the exhibitors' events (the command catalogs' subscribing group): a new booth takes visitors from
 * the next message, and an assignment or its removal applies to the very next leads request. The unique index on
 * an event's booth codes makes a second exhibitor with the same code fail its command.
 */
@Repository
@ProcessingGroup(CommandCatalogs.GROUP)
class JdbcExhibitorCatalog implements ExhibitorCatalog {

    private final JdbcTemplate jdbc;

    JdbcExhibitorCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An exhibitor as the command side knows it. */
    record Entry(String exhibitorId, String organizationId, String eventId, String companyName, String boothCode) {
    }

    @EventHandler
    void on(ExhibitorAdded event) {
        jdbc.update("""
                        INSERT INTO exhibitor_catalog (exhibitor_id, organization_id, event_id, company_name, booth_code,
                                                       added_at)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (exhibitor_id) DO NOTHING""",
                event.exhibitorId(), event.organizationId(), event.eventId(), event.companyName(), event.boothCode(),
                Timestamp.from(event.at()));
    }

    @EventHandler
    void on(ExhibitorChanged event) {
        jdbc.update("UPDATE exhibitor_catalog SET company_name = ?, booth_code = ? WHERE exhibitor_id = ?",
                event.companyName(), event.boothCode(), event.exhibitorId());
    }

    @EventHandler
    void on(ExhibitorProductAdded event) {
        jdbc.update("""
                        INSERT INTO exhibitor_product_catalog (exhibitor_id, product_id, name, added_at)
                        VALUES (?, ?, ?, ?) ON CONFLICT (exhibitor_id, product_id) DO NOTHING""",
                event.exhibitorId(), event.productId(), event.name(), Timestamp.from(event.at()));
    }

    @EventHandler
    void on(ExhibitorProductRemoved event) {
        jdbc.update("DELETE FROM exhibitor_product_catalog WHERE exhibitor_id = ? AND product_id = ?",
                event.exhibitorId(), event.productId());
    }

    @EventHandler
    void on(ExhibitorStaffAssigned event) {
        jdbc.update("""
                        INSERT INTO exhibitor_staff (exhibitor_id, organization_id, user_id) VALUES (?, ?, ?)
                        ON CONFLICT (exhibitor_id, user_id) DO NOTHING""",
                event.exhibitorId(), event.organizationId(), event.userId());
    }

    @EventHandler
    void on(ExhibitorStaffUnassigned event) {
        jdbc.update("DELETE FROM exhibitor_staff WHERE exhibitor_id = ? AND user_id = ?", event.exhibitorId(),
                event.userId());
    }

    @Override
    public Optional<BoothOnOffer> boothForCode(String organizationId, String boothCode) {
        if (boothCode == null || boothCode.isBlank()) {
            return Optional.empty();
        }
        return jdbc.query("""
                        SELECT * FROM exhibitor_catalog WHERE organization_id = ? AND booth_code = ?
                        ORDER BY added_at DESC, exhibitor_id LIMIT 1""", (rs, n) -> entry(rs), organizationId,
                boothCode).stream().findFirst().map(this::booth);
    }

    @Override
    public Optional<BoothOnOffer> booth(String organizationId, String exhibitorId) {
        return entry(organizationId, exhibitorId).map(this::booth);
    }

    Optional<Entry> entry(String organizationId, String exhibitorId) {
        return jdbc.query("SELECT * FROM exhibitor_catalog WHERE organization_id = ? AND exhibitor_id = ?",
                (rs, n) -> entry(rs), organizationId, exhibitorId).stream().findFirst();
    }

    /** Whether another exhibitor of the event has this booth code. */
    boolean boothCodeTaken(String eventId, String boothCode, String exceptExhibitorId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                        SELECT EXISTS (SELECT 1 FROM exhibitor_catalog WHERE event_id = ? AND booth_code = ?
                                       AND exhibitor_id <> ?)""", Boolean.class, eventId, boothCode,
                exceptExhibitorId == null ? "" : exceptExhibitorId));
    }

    /** The exhibitors whose leads this member of the organization is assigned to read. */
    List<String> exhibitorsOf(String organizationId, String userId) {
        return jdbc.queryForList("SELECT exhibitor_id FROM exhibitor_staff WHERE organization_id = ? AND user_id = ? "
                + "ORDER BY exhibitor_id", String.class, organizationId, userId);
    }

    boolean assigned(String organizationId, String exhibitorId, String userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                        SELECT EXISTS (SELECT 1 FROM exhibitor_staff WHERE organization_id = ? AND exhibitor_id = ?
                                       AND user_id = ?)""", Boolean.class, organizationId, exhibitorId, userId));
    }

    private BoothOnOffer booth(Entry entry) {
        List<ProductOnOffer> products = jdbc.query("""
                        SELECT product_id, name FROM exhibitor_product_catalog WHERE exhibitor_id = ?
                        ORDER BY added_at, product_id""",
                (rs, n) -> new ProductOnOffer(rs.getString("product_id"), rs.getString("name")), entry.exhibitorId());
        return new BoothOnOffer(entry.exhibitorId(), entry.eventId(), entry.companyName(), entry.boothCode(),
                products);
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getString("exhibitor_id"), rs.getString("organization_id"), rs.getString("event_id"),
                rs.getString("company_name"), rs.getString("booth_code"));
    }
}
