package com.chatnation.crm.application.exhibitors;

import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.pages.EveryRow;
import com.chatnation.crm.application.platform.pages.PageCursor;
import com.chatnation.crm.application.platform.pages.Refusal;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.web.DashboardRequests;
import com.chatnation.crm.application.platform.web.ReadYourWrites;
import com.chatnation.crm.projections.queries.ExhibitorQueries;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The exhibitors pages: an event's exhibitors with their lead counts, booth signs and products (added by members who
 * write content), the event's lead analytics; and the leads pages exhibitor staff use, listing only the exhibitors
 * they are assigned to, each one's leads with a CSV download. A member without access to an exhibitor's leads is
 * answered as if it did not exist.
 */
@DashboardPage
class ExhibitorsPage {

    private static final int ROWS_PER_PAGE = 50;

    private final Exhibitors exhibitors;
    private final ExhibitorQueries queries;
    private final BoothQrImages images;

    ExhibitorsPage(Exhibitors exhibitors, ExhibitorQueries queries, BoothQrImages images) {
        this.exhibitors = exhibitors;
        this.queries = queries;
        this.images = images;
    }

    @GetMapping("/app/events/{eventId}/exhibitors")
    String list(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String eventId, Model model) {
        return list(caller.organizationId(), eventId, null, model);
    }

    @PostMapping("/app/events/{eventId}/exhibitors")
    String add(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String eventId,
               @RequestParam(required = false) String companyName, @RequestParam(required = false) String boothCode,
               @RequestParam(required = false) String description, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        try {
            String exhibitorId = exhibitors.add(organization, eventId, companyName, boothCode, description);
            ReadYourWrites.await(() -> queries.exhibitor(organization, exhibitorId).isPresent());
            return "redirect:/app/events/" + eventId + "/exhibitors";
        } catch (ExhibitorRefusal refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            response.setStatus(refused.status().value());
            return list(organization, eventId, refused.getMessage(), model);
        } catch (RuntimeException failure) {
            Refusal refusal = Refusal.of("exhibitor", failure).orElseThrow(() -> failure);
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return list(organization, eventId, refusal.message(), model);
        }
    }

    @PostMapping("/app/exhibitors/{exhibitorId}/products")
    String addProduct(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String exhibitorId,
                      @RequestParam(required = false) String name, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        JdbcExhibitorCatalog.Entry entry = exhibitors.require(organization, exhibitorId);
        try {
            exhibitors.addProduct(organization, exhibitorId, name, null);
        } catch (RuntimeException failure) {
            Refusal refusal = Refusal.of("product", failure).orElseThrow(() -> failure);
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return list(organization, entry.eventId(), refusal.message(), model);
        }
        return "redirect:/app/events/" + entry.eventId() + "/exhibitors";
    }

    @GetMapping(value = "/app/exhibitors/{exhibitorId}/booth-qr", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> boothQr(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String exhibitorId,
                                   @RequestParam(required = false) String number) {
        JdbcExhibitorCatalog.Entry entry = exhibitors.require(caller.organizationId(), exhibitorId);
        String payload = BoothQrImages.link(number, entry.boothCode());
        if (payload == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a WhatsApp number");
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                .body(images.render(payload, entry.boothCode(), entry.companyName()));
    }

    /** The exhibitors whose leads the member may read. */
    @GetMapping("/app/leads")
    String mine(@AuthenticationPrincipal CrmPrincipal caller, Model model) {
        model.addAttribute("exhibitors", exhibitors.readableExhibitors(caller, caller.organizationId()));
        return "exhibitors/mine";
    }

    @GetMapping("/app/exhibitors/{exhibitorId}/leads")
    String leads(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String exhibitorId,
                 @RequestParam(required = false) String cursor, @RequestParam(required = false) String format,
                 Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        JdbcExhibitorCatalog.Entry entry;
        try {
            entry = exhibitors.requireLeadsReadable(caller, organization, exhibitorId);
        } catch (ExhibitorRefusal refused) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, refused.getMessage());
        }
        if ("csv".equals(format)) {
            LeadsController.CSV.write(response, "leads-" + entry.boothCode() + ".csv", EveryRow.of(after ->
                    queries.leads(organization, exhibitorId, after, DashboardRequests.MAX_PAGE_SIZE)));
            return null;
        }
        var page = queries.leads(organization, exhibitorId, PageCursor.parse(cursor), ROWS_PER_PAGE);
        model.addAttribute("exhibitor", entry);
        model.addAttribute("leads", page.items());
        model.addAttribute("nextCursor", page.nextCursor());
        return "exhibitors/leads";
    }

    private String list(String organization, String eventId, String error, Model model) {
        String eventName = queries.eventName(organization, eventId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no event " + eventId));
        model.addAttribute("eventId", eventId);
        model.addAttribute("eventName", eventName);
        model.addAttribute("exhibitors", queries.exhibitors(organization, eventId).stream()
                .map(row -> new Listed(row, queries.exhibitor(organization, row.id())
                        .map(ExhibitorQueries.ExhibitorDetail::products).orElse(java.util.List.of())))
                .toList());
        model.addAttribute("analytics", queries.analytics(organization, eventId));
        model.addAttribute("error", error);
        return "exhibitors/list";
    }

    /** An exhibitor with its products, as the list shows it. */
    record Listed(ExhibitorQueries.ExhibitorRow exhibitor, java.util.List<ExhibitorQueries.ProductRow> products) {
    }
}
