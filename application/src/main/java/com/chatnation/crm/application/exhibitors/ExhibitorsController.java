package com.chatnation.crm.application.exhibitors;

import com.chatnation.crm.application.platform.web.KnownOrganizations;
import com.chatnation.crm.projections.queries.ExhibitorQueries;
import com.chatnation.crm.projections.queries.ExhibitorQueries.ExhibitorDetail;
import com.chatnation.crm.projections.queries.ExhibitorQueries.ExhibitorRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The exhibitors of an organization's events: added with their booth code, changed, given products, their booth's QR
 * code, and the members of the team who read their leads. Another organization's exhibitor is answered as if there
 * were none.
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}")
@Tag(name = "Exhibitors and leads")
@SecurityRequirement(name = "bearer")
class ExhibitorsController {

    private final Exhibitors exhibitors;
    private final ExhibitorQueries queries;
    private final BoothQrImages images;
    private final KnownOrganizations organizations;

    ExhibitorsController(Exhibitors exhibitors, ExhibitorQueries queries, BoothQrImages images,
                         KnownOrganizations organizations) {
        this.exhibitors = exhibitors;
        this.queries = queries;
        this.images = images;
        this.organizations = organizations;
    }

    /** {@code boothCode}: 1 to 10 letters, digits or dashes ("A15"), unique in the event. */
    record ExhibitorRequest(@NotBlank @Size(max = 120) String companyName, @NotBlank @Size(max = 10) String boothCode,
                            @Size(max = 1000) String description) {
    }

    record ProductRequest(@NotBlank @Size(max = 60) String name, @Size(max = 1000) String description) {
    }

    record Created(String exhibitorId) {
    }

    record ProductCreated(String productId) {
    }

    @GetMapping("/events/{eventId}/exhibitors")
    @Operation(summary = "The event's exhibitors by booth code, each with its number of leads")
    List<ExhibitorRow> list(@PathVariable String orgId, @PathVariable String eventId) {
        return queries.exhibitors(orgId, eventId);
    }

    @PostMapping("/events/{eventId}/exhibitors")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an exhibitor to an event: its company and booth code",
            description = "404 for an event the organization does not have; 409 booth_code_taken when another "
                    + "exhibitor of the event has the code; 422 invalid_booth_code, invalid_company_name, …")
    Created add(@PathVariable String orgId, @PathVariable String eventId,
                @Valid @RequestBody ExhibitorRequest request) {
        organizations.require(orgId);
        return new Created(exhibitors.add(orgId, eventId, request.companyName(), request.boothCode(),
                request.description()));
    }

    @GetMapping("/exhibitors/{exhibitorId}")
    @Operation(summary = "One exhibitor with its products and number of leads")
    ExhibitorDetail one(@PathVariable String orgId, @PathVariable String exhibitorId) {
        return queries.exhibitor(orgId, exhibitorId)
                .orElseThrow(() -> ExhibitorRefusal.notFound("no exhibitor " + exhibitorId));
    }

    @PutMapping("/exhibitors/{exhibitorId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change an exhibitor's company, booth code and description (all three)")
    void change(@PathVariable String orgId, @PathVariable String exhibitorId,
                @Valid @RequestBody ExhibitorRequest request) {
        exhibitors.change(orgId, exhibitorId, request.companyName(), request.boothCode(), request.description());
    }

    @PostMapping("/exhibitors/{exhibitorId}/products")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a product the exhibitor shows (at most 9: they are one WhatsApp list with \"Skip\")")
    ProductCreated addProduct(@PathVariable String orgId, @PathVariable String exhibitorId,
                              @Valid @RequestBody ProductRequest request) {
        return new ProductCreated(exhibitors.addProduct(orgId, exhibitorId, request.name(), request.description()));
    }

    @DeleteMapping("/exhibitors/{exhibitorId}/products/{productId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a product: visitors are no longer offered it")
    void removeProduct(@PathVariable String orgId, @PathVariable String exhibitorId, @PathVariable String productId) {
        exhibitors.removeProduct(orgId, exhibitorId, productId);
    }

    @GetMapping(value = "/exhibitors/{exhibitorId}/booth-qr", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "The booth's sign as a PNG: a QR code opening a WhatsApp chat with \"LEAD <code>\" typed in",
            description = "number: the organization's WhatsApp number in international form (digits, e.g. "
                    + "254700000000); the code then holds https://wa.me/<number>?text=LEAD%20<code>. Without it the "
                    + "code holds the text \"LEAD <code>\" alone. 400 for a number that is not 8 to 15 digits.")
    ResponseEntity<byte[]> boothQr(@PathVariable String orgId, @PathVariable String exhibitorId,
                                   @RequestParam(required = false) String number) {
        JdbcExhibitorCatalog.Entry entry = exhibitors.require(orgId, exhibitorId);
        String payload = BoothQrImages.link(number, entry.boothCode());
        if (payload == null) {
            throw com.chatnation.crm.application.platform.web.DashboardRequests.badRequest(
                    "number is the WhatsApp number in international form, 8 to 15 digits");
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                .header("Content-Disposition", "inline; filename=\"booth-" + entry.boothCode() + ".png\"")
                .body(images.render(payload, entry.boothCode(), entry.companyName()));
    }

    @PutMapping("/exhibitors/{exhibitorId}/staff/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Let a member with the exhibitor role read and export this exhibitor's leads",
            description = "404 for a member of no team of this organization; 422 not_exhibitor_staff for a member "
                    + "without the exhibitor role")
    void assign(@PathVariable String orgId, @PathVariable String exhibitorId, @PathVariable String userId) {
        exhibitors.assign(orgId, exhibitorId, userId);
    }

    @DeleteMapping("/exhibitors/{exhibitorId}/staff/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Stop a member reading this exhibitor's leads (from their very next request)")
    void unassign(@PathVariable String orgId, @PathVariable String exhibitorId, @PathVariable String userId) {
        exhibitors.unassign(orgId, exhibitorId, userId);
    }
}
