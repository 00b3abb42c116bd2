package com.chatnation.crm.application.knowledge;

import com.chatnation.crm.application.platform.pages.Refusal;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.web.ReadYourWrites;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.knowledge.AddDocument;
import com.chatnation.crm.domain.knowledge.AddFaqItem;
import com.chatnation.crm.domain.knowledge.CreateKnowledgeBase;
import com.chatnation.crm.domain.knowledge.KnowledgeAnswer;
import com.chatnation.crm.domain.knowledge.KnowledgeMatch;
import com.chatnation.crm.domain.knowledge.RemoveDocument;
import com.chatnation.crm.domain.knowledge.RemoveFaqItem;
import com.chatnation.crm.projections.queries.KnowledgeQueries;
import com.chatnation.crm.projections.queries.KnowledgeQueries.DocumentRow;
import com.chatnation.crm.projections.queries.KnowledgeQueries.FaqItemRow;
import com.chatnation.crm.projections.queries.KnowledgeQueries.KnowledgeBaseDetail;
import com.chatnation.crm.projections.queries.KnowledgeQueries.QueryRow;
import com.chatnation.crm.projections.queries.KnowledgeQueries.QuerySummary;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The organization's knowledge bases and the questions contacts asked the bot, and one knowledge base's FAQ items and
 * documents. Members who write content create knowledge bases, add and remove FAQ items and documents (the same
 * commands and limits as the API's {@code …/knowledge-bases} endpoints, the knowledge base's own rules answering for
 * the rest) and try a question to see what the bot would answer.
 */
@DashboardPage
class KnowledgePage {

    /** The latest questions shown under the summary; the API pages through all of them. */
    private static final int QUESTIONS_SHOWN = 50;
    /** How long a change waits for the read tables to show it before the page it leads to is shown. */
    /** Keys of refusals that concern a whole form rather than one of its fields. */
    private static final String CREATE_FORM = "form";
    private static final String FAQ_FORM = "faq";
    private static final String DOCUMENT_FORM = "document";
    private static final String TRY_FORM = "ask";

    private final CommandGateway commands;
    private final KnowledgeQueries queries;
    private final KnowledgeSearch search;
    private final Validator validator;
    private final MessageSource messages;

    KnowledgePage(CommandGateway commands, KnowledgeQueries queries, KnowledgeSearch search, Validator validator,
                  MessageSource messages) {
        this.commands = commands;
        this.queries = queries;
        this.search = search;
        this.validator = validator;
        this.messages = messages;
    }

    /** The summary of the questions asked, with the share of rated answers found helpful ready to show. */
    record Summary(QuerySummary counts, String helpfulShare) {
    }

    /** A logged question with its best match's score ready to show ("—" when the search found nothing). */
    record Question(QueryRow row, String topScore) {
    }

    /** What the bot would answer: its kind in lower case (as the query log spells it), where it came from, the text. */
    record Tried(String kind, String source, String text, List<Match> matches, long latencyMillis) {
    }

    /** A candidate of a tried question: an FAQ item's question or a document's title, with its similarity. */
    record Match(String kind, String label, Integer passage, String score) {
    }

    @GetMapping("/app/knowledge")
    String list(@AuthenticationPrincipal CrmPrincipal caller, Model model) {
        return list(caller.organizationId(), KnowledgeBaseForm.empty(), Map.of(), model);
    }

    @PostMapping("/app/knowledge")
    String create(@AuthenticationPrincipal CrmPrincipal caller, @ModelAttribute("form") KnowledgeBaseForm form,
                  Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        Map<String, String> errors = invalid(form.request(), Map.of());
        HttpStatus status = HttpStatus.BAD_REQUEST;
        if (errors.isEmpty()) {
            String knowledgeBaseId = UUID.randomUUID().toString();
            try {
                commands.sendAndWait(new CreateKnowledgeBase(knowledgeBaseId, organization, form.name(),
                        form.request().description(), Instant.now()));
                awaitShown(organization, knowledgeBaseId, detail -> true);
                return "redirect:/app/knowledge/" + knowledgeBaseId;
            } catch (RuntimeException failure) {
                DomainRuleViolation violation = Refusal.violationIn(failure);
                errors.put(switch (violation.code()) {
                    case "missing_name", "name_too_long" -> "name";
                    case "description_too_long" -> "description";
                    default -> CREATE_FORM;
                }, violation.getMessage());
                status = HttpStatus.UNPROCESSABLE_ENTITY;
            }
        }
        response.setStatus(status.value());
        return list(organization, form, errors, model);
    }

    @GetMapping("/app/knowledge/{knowledgeBaseId}")
    String knowledgeBase(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String knowledgeBaseId,
                         Model model) {
        KnowledgeBaseDetail detail = find(caller.organizationId(), knowledgeBaseId);
        return detail(detail, FaqItemForm.empty(), DocumentForm.empty(), Map.of(), model);
    }

    @PostMapping("/app/knowledge/{knowledgeBaseId}/faq-items")
    String addFaqItem(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String knowledgeBaseId,
                      @ModelAttribute("faqForm") FaqItemForm form, Model model, HttpServletResponse response,
                      RedirectAttributes flash) {
        String organization = caller.organizationId();
        KnowledgeBaseDetail detail = find(organization, knowledgeBaseId);
        String id = detail.knowledgeBase().id();
        Map<String, String> errors = invalid(form.request(), Map.of());
        HttpStatus status = HttpStatus.BAD_REQUEST;
        if (errors.isEmpty()) {
            String faqId = UUID.randomUUID().toString();
            try {
                commands.sendAndWait(new AddFaqItem(id, organization, faqId, form.question(), form.answer()));
                awaitShown(organization, id, shown -> shown.faqItems().stream().anyMatch(f -> f.id().equals(faqId)));
                flash.addFlashAttribute("actionDone", text("knowledge.faq.added"));
                return "redirect:/app/knowledge/" + id;
            } catch (RuntimeException failure) {
                DomainRuleViolation violation = Refusal.violationIn(failure);
                errors.put(switch (violation.code()) {
                    case "missing_question", "question_too_long", "duplicate_question" -> "question";
                    case "missing_answer", "answer_too_long" -> "answer";
                    default -> FAQ_FORM;
                }, violation.getMessage());
                status = HttpStatus.UNPROCESSABLE_ENTITY;
            }
        }
        response.setStatus(status.value());
        return detail(detail, form, DocumentForm.empty(), errors, model);
    }

    @PostMapping("/app/knowledge/{knowledgeBaseId}/faq-items/{faqId}/remove")
    String removeFaqItem(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String knowledgeBaseId,
                         @PathVariable String faqId, RedirectAttributes flash) {
        String organization = caller.organizationId();
        String id = find(organization, knowledgeBaseId).knowledgeBase().id();
        try {
            commands.sendAndWait(new RemoveFaqItem(id, organization, faqId));
            awaitShown(organization, id, shown -> shown.faqItems().stream().noneMatch(f -> f.id().equals(faqId)));
            flash.addFlashAttribute("actionDone", text("knowledge.faq.removed"));
        } catch (RuntimeException failure) {
            // removed meanwhile (a second click, another member): the page shows the items as they are
            flash.addFlashAttribute("actionError", Refusal.violationIn(failure).getMessage());
        }
        return "redirect:/app/knowledge/" + id;
    }

    /**
     * A document as a file of the form. Its kind comes from its name or type, its text from {@link DocumentText} as
     * for the API; a file over {@link KnowledgeController#MAX_UPLOAD} is refused here, and one so large that the
     * servlet's multipart limit stops it never reaches the page (the framework answers 413).
     */
    @PostMapping("/app/knowledge/{knowledgeBaseId}/documents")
    String addDocument(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String knowledgeBaseId,
                       @ModelAttribute("documentForm") DocumentForm form,
                       @RequestParam(name = "file", required = false) MultipartFile file, Model model,
                       HttpServletResponse response, RedirectAttributes flash) throws IOException {
        String organization = caller.organizationId();
        KnowledgeBaseDetail detail = find(organization, knowledgeBaseId);
        String id = detail.knowledgeBase().id();
        Map<String, String> errors = new LinkedHashMap<>();
        HttpStatus status = HttpStatus.BAD_REQUEST;
        if (form.title() == null || form.title().isBlank()) {
            errors.put("title", text("knowledge.error.required"));
        }
        String sourceType = null;
        if (file == null || file.isEmpty()) {
            errors.put("file", text("knowledge.document.error.noFile"));
        } else if (file.getSize() > KnowledgeController.MAX_UPLOAD) {
            errors.put("file", text("knowledge.document.error.tooLarge", KnowledgeController.MAX_UPLOAD / (1024 * 1024)));
            status = HttpStatus.PAYLOAD_TOO_LARGE;
        } else {
            sourceType = DocumentForm.sourceType(file.getOriginalFilename(), file.getContentType());
            if (sourceType == null) {
                errors.put("file", text("knowledge.document.error.type"));
                status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            }
        }
        if (errors.isEmpty()) {
            String documentId = UUID.randomUUID().toString();
            try {
                commands.sendAndWait(new AddDocument(id, organization, documentId, form.title(), sourceType,
                        DocumentText.of(sourceType, file.getBytes())));
                awaitShown(organization, id, shown -> shown.documents().stream()
                        .anyMatch(d -> d.id().equals(documentId)));
                flash.addFlashAttribute("actionDone", text("knowledge.document.added"));
                return "redirect:/app/knowledge/" + id;
            } catch (KnowledgeRefusal unreadable) {
                errors.put("file", unreadable.getMessage());
                status = unreadable.status();
            } catch (RuntimeException failure) {
                DomainRuleViolation violation = Refusal.violationIn(failure);
                errors.put(switch (violation.code()) {
                    case "missing_title", "title_too_long" -> "title";
                    case "empty_document", "document_too_long", "invalid_source_type" -> "file";
                    default -> DOCUMENT_FORM;
                }, violation.getMessage());
                status = HttpStatus.UNPROCESSABLE_ENTITY;
            }
        }
        response.setStatus(status.value());
        return detail(detail, FaqItemForm.empty(), form, errors, model);
    }

    @PostMapping("/app/knowledge/{knowledgeBaseId}/documents/{documentId}/remove")
    String removeDocument(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String knowledgeBaseId,
                          @PathVariable String documentId, RedirectAttributes flash) {
        String organization = caller.organizationId();
        String id = find(organization, knowledgeBaseId).knowledgeBase().id();
        try {
            commands.sendAndWait(new RemoveDocument(id, organization, documentId));
            awaitShown(organization, id, shown -> shown.documents().stream()
                    .noneMatch(d -> d.id().equals(documentId)));
            flash.addFlashAttribute("actionDone", text("knowledge.document.removed"));
        } catch (RuntimeException failure) {
            flash.addFlashAttribute("actionError", Refusal.violationIn(failure).getMessage());
        }
        return "redirect:/app/knowledge/" + id;
    }

    /**
     * What the bot would answer now, from all of the organization's knowledge bases as the bot answers (nothing is
     * logged or billed). htmx swaps the "try" part in place, a refusal included (htmx swaps only a 2xx answer);
     * without htmx the whole page comes back.
     */
    @PostMapping("/app/knowledge/{knowledgeBaseId}/answers")
    String tryQuestion(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String knowledgeBaseId,
                       @RequestParam(required = false) String question,
                       @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                       HttpServletResponse response) {
        String organization = caller.organizationId();
        KnowledgeBaseDetail detail = find(organization, knowledgeBaseId);
        Map<String, String> errors = invalid(new KnowledgeController.QuestionRequest(question),
                Map.of("question", TRY_FORM));
        model.addAttribute("question", question == null ? "" : question);
        if (errors.isEmpty()) {
            model.addAttribute("tried", tried(organization, search.answer(organization, question)));
        }
        if (htmx != null) {
            model.addAttribute("kb", detail);
            model.addAttribute("errors", errors);
            return "knowledge/try :: try";
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return detail(detail, FaqItemForm.empty(), DocumentForm.empty(), errors, model);
    }

    private String list(String organization, KnowledgeBaseForm form, Map<String, String> errors, Model model) {
        model.addAttribute("knowledgeBases", queries.knowledgeBases(organization));
        QuerySummary counts = queries.summary(organization);
        model.addAttribute("summary", new Summary(counts, counts.rated() == 0 ? null
                : String.format(Locale.ROOT, "%.0f %%", 100.0 * counts.helpful() / counts.rated())));
        model.addAttribute("questions", queries.queries(organization, null, QUESTIONS_SHOWN).items().stream()
                .map(row -> new Question(row, topScore(row.matches()))).toList());
        model.addAttribute("questionsShown", QUESTIONS_SHOWN);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "knowledge/list";
    }

    private static String detail(KnowledgeBaseDetail detail, FaqItemForm faqForm, DocumentForm documentForm,
                                 Map<String, String> errors, Model model) {
        model.addAttribute("kb", detail);
        model.addAttribute("faqForm", faqForm);
        model.addAttribute("documentForm", documentForm);
        model.addAttribute("errors", errors);
        if (!model.containsAttribute("question")) {
            model.addAttribute("question", "");
        }
        return "knowledge/detail";
    }

    /** The answer as the page shows it, its candidates named from the organization's knowledge bases. */
    private Tried tried(String organization, KnowledgeAnswer answer) {
        Map<String, String> names = new HashMap<>();
        for (KnowledgeQueries.KnowledgeBaseRow base : queries.knowledgeBases(organization)) {
            queries.knowledgeBase(organization, base.id()).ifPresent(detail -> {
                detail.faqItems().forEach((FaqItemRow faq) -> names.put(faq.id(), faq.question()));
                detail.documents().forEach((DocumentRow document) -> names.put(document.id(), document.title()));
            });
        }
        List<Match> matches = answer.matches().stream().map((KnowledgeMatch match) -> new Match(
                        "faq".equals(match.sourceType()) ? "faq" : "passage",
                        names.getOrDefault(match.sourceId(), match.sourceId()),
                        match.chunk() == null ? null : match.chunk() + 1,
                        String.format(Locale.ROOT, "%.3f", match.score())))
                .toList();
        return new Tried(answer.kind().name().toLowerCase(Locale.ROOT), answer.sourceTitle(), answer.text(), matches,
                answer.latencyMillis());
    }

    /** The best candidate's similarity in a logged question's matches (best first), "—" when there was none. */
    private static String topScore(JsonNode matches) {
        JsonNode best = matches == null || !matches.isArray() || matches.isEmpty() ? null : matches.get(0).get("score");
        return best == null || !best.isNumber() ? "—" : String.format(Locale.ROOT, "%.3f", best.asDouble());
    }

    private KnowledgeBaseDetail find(String organization, String knowledgeBaseId) {
        if (knowledgeBaseId.length() > 64) {
            throw notFound();
        }
        return queries.knowledgeBase(organization, knowledgeBaseId).orElseThrow(KnowledgePage::notFound);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no such knowledge base in this organization");
    }

    /**
     * The read tables follow the knowledge base's events a moment later: the page a change leads to waits for them,
     * briefly, so it shows the change.
     */
    private void awaitShown(String organization, String knowledgeBaseId, Predicate<KnowledgeBaseDetail> shown) {
        ReadYourWrites.await(() -> queries.knowledgeBase(organization, knowledgeBaseId).filter(shown).isPresent());
    }

    /**
     * The API request's own constraints on what the form sent, each on its field (renamed by {@code fields} where
     * the page's field is called otherwise), in the page's words.
     */
    private Map<String, String> invalid(Object request, Map<String, String> fields) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<Object> violation : validator.validate(request)) {
            String field = violation.getPropertyPath().toString();
            errors.putIfAbsent(fields.getOrDefault(field, field),
                    violation.getConstraintDescriptor().getAnnotation() instanceof Size size
                            ? text("knowledge.error.tooLong", size.max()) : text("knowledge.error.required"));
        }
        return errors;
    }


    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale());
    }
}
