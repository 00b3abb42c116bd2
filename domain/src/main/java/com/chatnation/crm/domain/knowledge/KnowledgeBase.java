package com.chatnation.crm.domain.knowledge;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One knowledge base of an organization: its question-and-answer pairs and its documents. The limits are WhatsApp's:
 * an answer goes out as the body of a message with reply buttons ("Was this helpful?"), which takes 1,024 characters.
 */
public class KnowledgeBase {

    public static final int MAX_QUESTION = 300;
    public static final int MAX_ANSWER = 1000;
    public static final int MAX_TITLE = 200;
    /** About 30,000 words: a long handbook. Longer documents are split by the organization. */
    public static final int MAX_DOCUMENT = 200_000;
    public static final Set<String> SOURCE_TYPES = Set.of("text", "markdown", "pdf");

    @AggregateIdentifier
    private String knowledgeBaseId;
    private String organizationId;
    /** FAQ item → its question as compared for duplicates. */
    private final Map<String, String> faqs = new HashMap<>();
    private final Set<String> documents = new HashSet<>();

    protected KnowledgeBase() {
        // required by the event-sourcing repository
    }

    @CommandHandler
    public KnowledgeBase(CreateKnowledgeBase command) {
        requireText(command.knowledgeBaseId(), "knowledge base id");
        requireText(command.organizationId(), "organization id");
        String name = text(command.name(), "name", 100);
        String description = command.description() == null || command.description().isBlank() ? null
                : text(command.description(), "description", 1000);
        apply(new KnowledgeBaseCreated(command.knowledgeBaseId(), command.organizationId(), name, description,
                command.requestedAt() == null ? Instant.now() : command.requestedAt()));
    }

    @CommandHandler
    public void handle(AddFaqItem command) {
        requireOwn(command.organizationId());
        requireText(command.faqId(), "faq id");
        String question = text(command.question(), "question", MAX_QUESTION);
        String answer = text(command.answer(), "answer", MAX_ANSWER);
        if (faqs.containsKey(command.faqId())) {
            throw new DomainRuleViolation("duplicate_faq", "FAQ item " + command.faqId() + " already exists");
        }
        if (faqs.containsValue(comparable(question))) {
            throw new DomainRuleViolation("duplicate_question", "this knowledge base already answers \"" + question
                    + "\"");
        }
        apply(new FaqItemAdded(knowledgeBaseId, organizationId, command.faqId(), question, answer));
    }

    @CommandHandler
    public void handle(RemoveFaqItem command) {
        requireOwn(command.organizationId());
        if (!faqs.containsKey(command.faqId())) {
            throw new DomainRuleViolation("not_found", "no FAQ item " + command.faqId() + " in this knowledge base");
        }
        apply(new FaqItemRemoved(knowledgeBaseId, organizationId, command.faqId()));
    }

    @CommandHandler
    public void handle(AddDocument command) {
        requireOwn(command.organizationId());
        requireText(command.documentId(), "document id");
        String title = text(command.title(), "title", MAX_TITLE);
        if (command.sourceType() == null || !SOURCE_TYPES.contains(command.sourceType())) {
            throw new DomainRuleViolation("invalid_source_type", "a document is text, markdown or pdf");
        }
        if (command.text() == null || command.text().isBlank()) {
            throw new DomainRuleViolation("empty_document", "the document has no text to answer from"
                    + ("pdf".equals(command.sourceType()) ? " (a scanned PDF holds images, not text)" : ""));
        }
        if (command.text().length() > MAX_DOCUMENT) {
            throw new DomainRuleViolation("document_too_long", "a document holds at most " + MAX_DOCUMENT
                    + " characters of text, this one " + command.text().length() + ": split it");
        }
        if (documents.contains(command.documentId())) {
            throw new DomainRuleViolation("duplicate_document", "document " + command.documentId() + " already exists");
        }
        apply(new DocumentAdded(knowledgeBaseId, organizationId, command.documentId(), title, command.sourceType(),
                command.text().length(), Chunks.of(command.text())));
    }

    @CommandHandler
    public void handle(RemoveDocument command) {
        requireOwn(command.organizationId());
        if (!documents.contains(command.documentId())) {
            throw new DomainRuleViolation("not_found", "no document " + command.documentId()
                    + " in this knowledge base");
        }
        apply(new DocumentRemoved(knowledgeBaseId, organizationId, command.documentId()));
    }

    /** A caller of another organization is answered as if the knowledge base did not exist. */
    private void requireOwn(String organization) {
        if (!Objects.equals(organizationId, organization)) {
            throw new DomainRuleViolation("not_found", "no knowledge base " + knowledgeBaseId);
        }
    }

    private static String text(String value, String what, int max) {
        if (value == null || value.isBlank()) {
            throw new DomainRuleViolation("missing_" + what, "the " + what + " is required");
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new DomainRuleViolation(what + "_too_long", "the " + what + " takes at most " + max
                    + " characters, got " + stripped.length());
        }
        return stripped;
    }

    private static String comparable(String question) {
        return question.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    @EventSourcingHandler
    void on(KnowledgeBaseCreated event) {
        knowledgeBaseId = event.knowledgeBaseId();
        organizationId = event.organizationId();
    }

    @EventSourcingHandler
    void on(FaqItemAdded event) {
        faqs.put(event.faqId(), comparable(event.question()));
    }

    @EventSourcingHandler
    void on(FaqItemRemoved event) {
        faqs.remove(event.faqId());
    }

    @EventSourcingHandler
    void on(DocumentAdded event) {
        documents.add(event.documentId());
    }

    @EventSourcingHandler
    void on(DocumentRemoved event) {
        documents.remove(event.documentId());
    }
}
