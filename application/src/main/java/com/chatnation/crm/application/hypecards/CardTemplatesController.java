package com.chatnation.crm.application.hypecards;

import com.chatnation.crm.application.media.MediaStore;
import com.chatnation.crm.application.platform.web.KnownOrganizations;
import com.chatnation.crm.domain.conversation.BotWords;
import com.chatnation.crm.domain.hypecard.ArchiveCardTemplate;
import com.chatnation.crm.domain.hypecard.CardLayout;
import com.chatnation.crm.domain.hypecard.CreateCardTemplate;
import com.chatnation.crm.projections.queries.HypeCardQueries;
import com.chatnation.crm.projections.queries.HypeCardQueries.TemplateRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An organization's HypeCard templates: created with their layout, previewed as the PNG a card would be, archived.
 * Images a layout draws (a background, a logo) are uploaded first and named by the key they are kept under.
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/hypecard-templates")
@Tag(name = "HypeCards")
@SecurityRequirement(name = "bearer")
class CardTemplatesController {

    /** A template's image: a background of up to 2048 pixels a side fits in this. */
    static final int MAX_IMAGE = 5 * 1024 * 1024;
    /** What a preview fills the variables with. */
    static final Map<String, String> SAMPLE = Map.of("name", "Amina Otieno", "title", "Speaker, TechExpo 2027");

    private final CommandGateway commands;
    private final HypeCardQueries queries;
    private final KnownOrganizations organizations;
    private final MediaStore store;
    private final CardRenderer renderer;
    private final JdbcCardCatalog catalog;

    CardTemplatesController(CommandGateway commands, HypeCardQueries queries, KnownOrganizations organizations,
                            MediaStore store, CardRenderer renderer, JdbcCardCatalog catalog) {
        this.catalog = catalog;
        this.commands = commands;
        this.queries = queries;
        this.organizations = organizations;
        this.store = store;
        this.renderer = renderer;
    }

    record TemplateRequest(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 30) String keyword,
                           @NotNull CardLayout layout) {
    }

    record Created(String templateId) {
    }

    record Kept(String imageKey) {
    }

    @GetMapping
    @Operation(summary = "The organization's HypeCard templates, newest first")
    List<TemplateRow> list(@PathVariable String orgId) {
        return queries.templates(orgId);
    }

    @GetMapping("/{templateId}")
    @Operation(summary = "One template with its layout and the variables a contact is asked for")
    TemplateRow one(@PathVariable String orgId, @PathVariable String templateId) {
        return queries.template(orgId, templateId).orElseThrow(() -> refusal(HttpStatus.NOT_FOUND, "not_found",
                "no template " + templateId));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a template: a canvas, a background colour and up to 20 layers (image, text, photo, qr)",
            description = "422 naming the rule a layout breaks (outside the canvas, a colour not #rrggbb, an unknown "
                    + "variable, an image not uploaded), 409 for a keyword the bot answers itself.")
    Created create(@PathVariable String orgId, @Valid @RequestBody TemplateRequest request) {
        organizations.require(orgId);
        if (BotWords.isReserved(request.keyword())) {
            throw refusal(HttpStatus.CONFLICT, "keyword_reserved", "the bot answers '" + request.keyword()
                    + "' itself; choose another keyword");
        }
        if (catalog.keywordTaken(orgId, com.chatnation.crm.domain.common.Keywords.require(request.keyword()))) {
            throw refusal(HttpStatus.CONFLICT, "keyword_taken", "another template's keyword is '"
                    + request.keyword() + "'; archive it or choose another keyword");
        }
        for (CardLayout.Layer layer : request.layout().layers()) {
            if (layer instanceof CardLayout.Image image && (image.imageKey() == null
                    || !image.imageKey().startsWith(orgId + "/") || !store.has(image.imageKey()))) {
                throw refusal(HttpStatus.UNPROCESSABLE_ENTITY, "unknown_image",
                        "no uploaded image " + image.imageKey() + ": upload it to …/hypecard-templates/images first");
            }
        }
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateCardTemplate(id, orgId, request.name(), request.keyword(), request.layout(),
                Instant.now()));
        return new Created(id);
    }

    @PostMapping("/{templateId}/archive")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Archive a template: no new cards from it; cards already made stay")
    void archive(@PathVariable String orgId, @PathVariable String templateId) {
        commands.sendAndWait(new ArchiveCardTemplate(templateId, orgId, Instant.now()));
    }

    @GetMapping(value = "/{templateId}/preview", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "The template drawn as a card would be, with sample variables and a placeholder photo")
    ResponseEntity<byte[]> preview(@PathVariable String orgId, @PathVariable String templateId) {
        TemplateRow template = one(orgId, templateId);
        byte[] png = renderer.render(template.layout(), SAMPLE, null, "https://example.invalid/c/preview",
                key -> key.startsWith(orgId + "/") ? store.read(key) : null);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(png);
    }

    @PostMapping(value = "/images", consumes = {MediaType.IMAGE_PNG_VALUE, MediaType.IMAGE_JPEG_VALUE})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Upload an image for layouts (PNG or JPEG as the body, up to 5 MB); answers its key")
    Kept image(@PathVariable String orgId, InputStream body) throws IOException {
        organizations.require(orgId);
        byte[] bytes = body.readNBytes(MAX_IMAGE + 1);
        if (bytes.length > MAX_IMAGE) {
            throw refusal(HttpStatus.PAYLOAD_TOO_LARGE, "image_too_large", "an image takes at most 5 MB");
        }
        if (javax.imageio.ImageIO.read(new ByteArrayInputStream(bytes)) == null) {
            throw refusal(HttpStatus.UNPROCESSABLE_ENTITY, "unreadable_image", "the body is not a PNG or JPEG image");
        }
        return new Kept(store.keep(orgId, bytes));
    }

    private static CardRefusal refusal(HttpStatus status, String code, String message) {
        return new CardRefusal(status, code, message);
    }
}
