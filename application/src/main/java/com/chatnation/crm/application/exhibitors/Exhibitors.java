package com.chatnation.crm.application.exhibitors;

import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.security.Permission;
import com.chatnation.crm.application.platform.web.ReadYourWrites;
import com.chatnation.crm.domain.exhibitor.AddExhibitor;
import com.chatnation.crm.domain.exhibitor.AddExhibitorProduct;
import com.chatnation.crm.domain.exhibitor.AssignExhibitorStaff;
import com.chatnation.crm.domain.exhibitor.ChangeExhibitor;
import com.chatnation.crm.domain.exhibitor.Exhibitor;
import com.chatnation.crm.domain.exhibitor.LeadStage;
import com.chatnation.crm.domain.exhibitor.MoveLeadStage;
import com.chatnation.crm.domain.exhibitor.RemoveExhibitorProduct;
import com.chatnation.crm.domain.exhibitor.UnassignExhibitorStaff;
import com.chatnation.crm.domain.staff.StaffRole;
import com.chatnation.crm.projections.queries.ExhibitorQueries;
import com.chatnation.crm.projections.staff.StaffDirectory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Adding and changing exhibitors and their products, assigning the members who read their leads, and deciding who
 * may read which exhibitor's leads, for the API and the dashboard alike. Whether an exhibitor exists, in which
 * organization, and who is assigned to it, is read from the command side's exhibitor catalog, which the
 * exhibitors' events keep in their own transaction.
 * <p>
 * Leads are scoped: a caller who may read every contact of the organization ({@code contacts:read}: owners,
 * admins) reads every exhibitor's leads; anyone else with {@code leads:read} (the {@code exhibitor} role) reads only
 * the leads of the exhibitors they are assigned to, and another exhibitor's are answered as if there were none.
 */
@Service
class Exhibitors {

    private final CommandGateway commands;
    private final JdbcExhibitorCatalog catalog;
    private final ExhibitorQueries queries;
    private final StaffDirectory staff;

    Exhibitors(CommandGateway commands, JdbcExhibitorCatalog catalog, ExhibitorQueries queries,
               StaffDirectory staff) {
        this.commands = commands;
        this.catalog = catalog;
        this.queries = queries;
        this.staff = staff;
    }

    /** Adds the exhibitor to the organization's event and answers its id. */
    String add(String organizationId, String eventId, String companyName, String boothCode, String description) {
        // the events read table follows the event's creation a moment later
        ReadYourWrites.await(() -> queries.eventExists(organizationId, eventId));
        if (!queries.eventExists(organizationId, eventId)) {
            throw ExhibitorRefusal.notFound("no event " + eventId);
        }
        String code = Exhibitor.boothCode(boothCode);
        if (catalog.boothCodeTaken(eventId, code, null)) {
            throw ExhibitorRefusal.conflict("booth_code_taken", "another exhibitor of the event has booth " + code);
        }
        String exhibitorId = UUID.randomUUID().toString();
        commands.sendAndWait(new AddExhibitor(exhibitorId, organizationId, eventId, companyName, code, description,
                Instant.now()));
        return exhibitorId;
    }

    void change(String organizationId, String exhibitorId, String companyName, String boothCode, String description) {
        JdbcExhibitorCatalog.Entry entry = require(organizationId, exhibitorId);
        String code = Exhibitor.boothCode(boothCode);
        if (catalog.boothCodeTaken(entry.eventId(), code, exhibitorId)) {
            throw ExhibitorRefusal.conflict("booth_code_taken", "another exhibitor of the event has booth " + code);
        }
        commands.sendAndWait(new ChangeExhibitor(exhibitorId, organizationId, companyName, code, description,
                Instant.now()));
    }

    String addProduct(String organizationId, String exhibitorId, String name, String description) {
        require(organizationId, exhibitorId);
        String productId = UUID.randomUUID().toString();
        commands.sendAndWait(new AddExhibitorProduct(exhibitorId, organizationId, productId, name, description,
                Instant.now()));
        return productId;
    }

    void removeProduct(String organizationId, String exhibitorId, String productId) {
        require(organizationId, exhibitorId);
        commands.sendAndWait(new RemoveExhibitorProduct(exhibitorId, organizationId, productId, Instant.now()));
    }

    /** Lets a member read the exhibitor's leads; the member must hold the exhibitor role to have any use of it. */
    void assign(String organizationId, String exhibitorId, String userId) {
        require(organizationId, exhibitorId);
        var member = staff.memberOf(organizationId, userId)
                .orElseThrow(() -> ExhibitorRefusal.notFound("no member " + userId + " in this organization"));
        if (!member.roles().contains(StaffRole.EXHIBITOR)) {
            throw ExhibitorRefusal.unprocessable("not_exhibitor_staff", "member " + userId
                    + " does not hold the exhibitor role");
        }
        commands.sendAndWait(new AssignExhibitorStaff(exhibitorId, organizationId, userId, Instant.now()));
    }

    void unassign(String organizationId, String exhibitorId, String userId) {
        require(organizationId, exhibitorId);
        commands.sendAndWait(new UnassignExhibitorStaff(exhibitorId, organizationId, userId, Instant.now()));
    }

    JdbcExhibitorCatalog.Entry require(String organizationId, String exhibitorId) {
        return catalog.entry(organizationId, exhibitorId)
                .orElseThrow(() -> ExhibitorRefusal.notFound("no exhibitor " + exhibitorId));
    }

    /** Whether the caller reads every exhibitor's leads rather than only those they are assigned to. */
    static boolean readsEveryLead(CrmPrincipal caller) {
        return caller.may(Permission.CONTACTS_READ);
    }

    /** The exhibitor, if the caller may read its leads; otherwise 404, as if there were none. */
    JdbcExhibitorCatalog.Entry requireLeadsReadable(CrmPrincipal caller, String organizationId, String exhibitorId) {
        JdbcExhibitorCatalog.Entry entry = require(organizationId, exhibitorId);
        if (!readsEveryLead(caller) && !(caller.kind() == CrmPrincipal.Kind.STAFF
                && catalog.assigned(organizationId, exhibitorId, caller.id()))) {
            throw ExhibitorRefusal.notFound("no exhibitor " + exhibitorId);
        }
        return entry;
    }

    /**
     * Moves one of the exhibitor's leads to another follow-up stage, for those who may read its leads; a lead of
     * another exhibitor, or none, is answered 404. Returns whether it moved.
     */
    boolean moveLead(CrmPrincipal caller, String organizationId, String exhibitorId, String leadId, String stage) {
        requireLeadsReadable(caller, organizationId, exhibitorId);
        if (leadId == null || !leadId.startsWith(exhibitorId + ":")) {
            throw ExhibitorRefusal.notFound("no lead " + leadId);
        }
        try {
            return commands.sendAndWait(new MoveLeadStage(leadId, organizationId, LeadStage.parse(stage),
                    caller.id(), Instant.now()));
        } catch (AggregateNotFoundException none) {
            throw ExhibitorRefusal.notFound("no lead " + leadId);
        }
    }

    /** The exhibitors whose leads the caller may read: all of them, or those they are assigned to. */
    List<ExhibitorQueries.ExhibitorRow> readableExhibitors(CrmPrincipal caller, String organizationId) {
        if (readsEveryLead(caller)) {
            return queries.allExhibitors(organizationId);
        }
        return caller.kind() == CrmPrincipal.Kind.STAFF
                ? queries.exhibitorsAmong(organizationId, catalog.exhibitorsOf(organizationId, caller.id()))
                : List.of();
    }
}
