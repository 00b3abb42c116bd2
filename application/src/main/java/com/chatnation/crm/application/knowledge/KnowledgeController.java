package com.chatnation.crm.application.knowledge;

import com.chatnation.crm.application.platform.web.DashboardRequests;
import com.chatnation.crm.application.platform.web.KnownOrganizations;
import com.chatnation.crm.domain.knowledge.AddDocument;
import com.chatnation.crm.domain.knowledge.AddFaqItem;
import com.chatnation.crm.domain.knowledge.CreateKnowledgeBase;
import com.chatnation.crm.domain.knowledge.KnowledgeAnswer;
import com.chatnation.crm.domain.knowledge.RemoveDocument;
import com.chatnation.crm.domain.knowledge.RemoveFaqItem;
import com.chatnation.crm.projections.queries.KnowledgeQueries;
import com.chatnation.crm.projections.queries.KnowledgeQueries.KnowledgeBaseDetail;
import com.chatnation.crm.projections.queries.KnowledgeQueries.KnowledgeBaseRow;
import com.chatnation.crm.projections.queries.KnowledgeQueries.QueryRow;
import com.chatnation.crm.projections.queries.KnowledgeQueries.QuerySummary;
import com.chatnation.crm.projections.queries.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An organization's knowledge bases: FAQ items and documents the bot answers from, and the questions it was asked. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/knowledge-bases")
@Tag(name = "Knowledge bases")
@SecurityRequirement(name = "bearer")
class KnowledgeController {

    /** The largest document file accepted: a long handbook as a PDF. */
    static final int MAX_UPLOAD = 10 * 1024 * 1024;
    private static final Map<String, String> SOURCE_TYPES = Map.of(
            MediaType.APPLICATION_PDF_VALUE, DocumentText.PDF,
            MediaType.TEXT_MARKDOWN_VALUE, DocumentText.MARKDOWN,
            MediaType.TEXT_PLAIN_VALUE, DocumentText.TEXT);

    private final CommandGateway commands;
    private final KnowledgeQueries queries;
    private final KnowledgeSearch search;
    private final KnownOrganizations organizations;

    KnowledgeController(CommandGateway commands, KnowledgeQueries queries, KnowledgeSearch search,
                        KnownOrganizations organizations) {
        this.commands = commands;
        this.queries = queries;
        this.search = search;
        this.organizations = organizations;
    }

    record KnowledgeBaseRequest(@NotBlank @Size(max = 100) String name, @Size(max = 1000) String description) {
    }

    record FaqItemRequest(@NotBlank @Size(max = 300) String question, @NotBlank @Size(max = 1000) String answer) {
    }

    record QuestionRequest(@NotBlank @Size(max = 1000) String question) {
    }

    record Created(String id) {
    }

    record Queries(QuerySummary summary, Page<QueryRow> page) {
    }

    @GetMapping
    @Operation(summary = "The organization's knowledge bases with how many FAQ items and documents each holds")
    java.util.List<KnowledgeBaseRow> list(@PathVariable String orgId) {
        return queries.knowledgeBases(orgId);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a knowledge base")
    Created create(@PathVariable String orgId, @Valid @RequestBody KnowledgeBaseRequest request) {
        organizations.require(orgId);
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateKnowledgeBase(id, orgId, request.name(), request.description(), Instant.now()));
        return new Created(id);
    }

    @GetMapping("/{knowledgeBaseId}")
    @Operation(summary = "A knowledge base with its FAQ items and documents")
    KnowledgeBaseDetail one(@PathVariable String orgId, @PathVariable String knowledgeBaseId) {
        return queries.knowledgeBase(orgId, knowledgeBaseId)
                .orElseThrow(() -> KnowledgeRefusal.notFound("knowledge base " + knowledgeBaseId));
    }

    @PostMapping("/{knowledgeBaseId}/faq-items")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a question and its answer (up to 1,000 characters: it goes out with reply buttons)")
    Created addFaqItem(@PathVariable String orgId, @PathVariable String knowledgeBaseId,
                       @Valid @RequestBody FaqItemRequest request) {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new AddFaqItem(knowledgeBaseId, orgId, id, request.question(), request.answer()));
        return new Created(id);
    }

    @DeleteMapping("/{knowledgeBaseId}/faq-items/{faqId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an FAQ item")
    void removeFaqItem(@PathVariable String orgId, @PathVariable String knowledgeBaseId, @PathVariable String faqId) {
        commands.sendAndWait(new RemoveFaqItem(knowledgeBaseId, orgId, faqId));
    }

    @PostMapping(value = "/{knowledgeBaseId}/documents", consumes = {MediaType.APPLICATION_PDF_VALUE,
            MediaType.TEXT_MARKDOWN_VALUE, MediaType.TEXT_PLAIN_VALUE})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a document: the file itself as the body (application/pdf, text/markdown or text/plain, "
            + "up to 10 MB), its title as ?title=",
            description = "Its text is split into passages of about 500 words that the bot quotes from. 413 for a "
                    + "larger file, 415 for another type, 422 for an unreadable PDF or one without text.")
    Created addDocument(@PathVariable String orgId, @PathVariable String knowledgeBaseId,
                        @RequestParam String title, @RequestHeader("Content-Type") MediaType type,
                        InputStream body) throws IOException {
        // read no more than the limit allows: a body far over it must not be held in memory first
        byte[] content = body.readNBytes(MAX_UPLOAD + 1);
        if (content.length > MAX_UPLOAD) {
            throw new KnowledgeRefusal(HttpStatus.PAYLOAD_TOO_LARGE, "document_too_large",
                    "a document file takes at most " + MAX_UPLOAD / (1024 * 1024) + " MB");
        }
        String sourceType = SOURCE_TYPES.get(type.getType() + "/" + type.getSubtype());
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new AddDocument(knowledgeBaseId, orgId, id, title, sourceType,
                DocumentText.of(sourceType, content)));
        return new Created(id);
    }

    @DeleteMapping("/{knowledgeBaseId}/documents/{documentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a document; the bot stops quoting it")
    void removeDocument(@PathVariable String orgId, @PathVariable String knowledgeBaseId,
                        @PathVariable String documentId) {
        commands.sendAndWait(new RemoveDocument(knowledgeBaseId, orgId, documentId));
    }

    @PostMapping("/answers")
    @Operation(summary = "What the bot would answer a question now (nothing is logged or billed)")
    KnowledgeAnswer tryQuestion(@PathVariable String orgId, @Valid @RequestBody QuestionRequest request) {
        return search.answer(orgId, request.question());
    }

    @GetMapping("/queries")
    @Operation(summary = "Questions contacts asked, newest first, with what answered them, the scores and ratings")
    Queries queries(@PathVariable String orgId, @RequestParam(required = false) String limit,
                    @RequestParam(required = false) String after) {
        return new Queries(queries.summary(orgId),
                queries.queries(orgId, DashboardRequests.after(after), DashboardRequests.limit(limit)));
    }
}
