package com.chatnation.crm.domain.knowledge;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The knowledge base aggregate: creating it, its FAQ items and its documents, with every refusal. */
class KnowledgeBaseTest {

    private static final String KB = "kb-1";
    private static final String ORG = "org-1";
    private static final String OTHER_ORG = "org-2";
    private static final Instant REQUESTED = Instant.parse("2026-11-01T09:00:00Z");
    private static final String QUESTION = "Where are you located?";
    private static final String ANSWER = "At KICC, Nairobi.";
    private static final String TEXT = "Doors open at 9. Parking is free for ticket holders.";

    private AggregateTestFixture<KnowledgeBase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(KnowledgeBase.class);
    }

    // ---- commands, events and matchers ---------------------------------------------------------------------------

    private static KnowledgeBaseCreated created() {
        return new KnowledgeBaseCreated(KB, ORG, "Event FAQ", null, REQUESTED);
    }

    private static AddFaqItem addFaq(String faqId, String question, String answer) {
        return new AddFaqItem(KB, ORG, faqId, question, answer);
    }

    private static FaqItemAdded faqAdded(String faqId, String question, String answer) {
        return new FaqItemAdded(KB, ORG, faqId, question, answer);
    }

    private static AddDocument addDocument(String documentId, String title, String sourceType, String text) {
        return new AddDocument(KB, ORG, documentId, title, sourceType, text);
    }

    private static DocumentAdded documentAdded(String documentId, String text) {
        return new DocumentAdded(KB, ORG, documentId, "Handbook", "text", text.length(), Chunks.of(text));
    }

    private static Matcher<DomainRuleViolation> violation(String code) {
        return new CustomTypeSafeMatcher<>("DomainRuleViolation with code '" + code + "'") {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code());
            }
        };
    }

    private void refusesCreation(CreateKnowledgeBase command, String code, String message) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectException(DomainRuleViolation.class)
                .expectException(violation(code))
                .expectExceptionMessage(message)
                .expectNoEvents();
    }

    /** Given a created knowledge base (and these events), the command is refused with this code and message. */
    private void refuses(Object command, String code, String message, Object... given) {
        Object[] history = new Object[given.length + 1];
        history[0] = created();
        System.arraycopy(given, 0, history, 1, given.length);
        fixture.given(history)
                .when(command)
                .expectException(DomainRuleViolation.class)
                .expectException(violation(code))
                .expectExceptionMessage(message)
                .expectNoEvents();
    }

    // ---- creating -------------------------------------------------------------------------------------------------

    @Nested
    class Creating {

        @Test
        void recordsTheStrippedNameAndDescriptionAtTheRequestedTime() {
            fixture.givenNoPriorActivity()
                    .when(new CreateKnowledgeBase(KB, ORG, "  Event FAQ \n", "\tWhat visitors ask ", REQUESTED))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new KnowledgeBaseCreated(KB, ORG, "Event FAQ", "What visitors ask", REQUESTED));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\n\t"})
        void theDescriptionIsOptional(String description) {
            fixture.givenNoPriorActivity()
                    .when(new CreateKnowledgeBase(KB, ORG, "Event FAQ", description, REQUESTED))
                    .expectEvents(new KnowledgeBaseCreated(KB, ORG, "Event FAQ", null, REQUESTED));
        }

        @Test
        void aNameOfAHundredCharactersIsAccepted() {
            String name = "n".repeat(100);
            fixture.givenNoPriorActivity()
                    .when(new CreateKnowledgeBase(KB, ORG, name, null, REQUESTED))
                    .expectEvents(new KnowledgeBaseCreated(KB, ORG, name, null, REQUESTED));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   "})
        void theNameIsRequired(String name) {
            refusesCreation(new CreateKnowledgeBase(KB, ORG, name, null, REQUESTED), "missing_name",
                    "the name is required");
        }

        @Test
        void aNameOfMoreThanAHundredCharactersIsRefused() {
            refusesCreation(new CreateKnowledgeBase(KB, ORG, "n".repeat(101), null, REQUESTED), "name_too_long",
                    "the name takes at most 100 characters, got 101");
        }

        @Test
        void theNameIsMeasuredStripped() {
            String name = "n".repeat(100);
            fixture.givenNoPriorActivity()
                    .when(new CreateKnowledgeBase(KB, ORG, "  " + name + "  ", null, REQUESTED))
                    .expectEvents(new KnowledgeBaseCreated(KB, ORG, name, null, REQUESTED));
        }

        @Test
        void aDescriptionOfAThousandCharactersIsAccepted() {
            String description = "d".repeat(1000);
            fixture.givenNoPriorActivity()
                    .when(new CreateKnowledgeBase(KB, ORG, "Event FAQ", description, REQUESTED))
                    .expectEvents(new KnowledgeBaseCreated(KB, ORG, "Event FAQ", description, REQUESTED));
        }

        @Test
        void aDescriptionOfMoreThanAThousandCharactersIsRefused() {
            refusesCreation(new CreateKnowledgeBase(KB, ORG, "Event FAQ", "d".repeat(1001), REQUESTED),
                    "description_too_long", "the description takes at most 1000 characters, got 1001");
        }

        @Test
        void theOrganizationIsRequired() {
            refusesCreation(new CreateKnowledgeBase(KB, " ", "Event FAQ", null, REQUESTED),
                    "missing_organization_id", "organization id is required");
        }
    }

    // ---- FAQ items ------------------------------------------------------------------------------------------------

    @Nested
    class AddingAnFaqItem {

        @Test
        void recordsTheStrippedQuestionAndAnswer() {
            fixture.given(created())
                    .when(addFaq("faq-1", "  " + QUESTION + "\n", "\t" + ANSWER + "  "))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(faqAdded("faq-1", QUESTION, ANSWER));
        }

        @Test
        void aQuestionOfThreeHundredAndAnAnswerOfAThousandCharactersAreAccepted() {
            String question = "q".repeat(KnowledgeBase.MAX_QUESTION);
            String answer = "a".repeat(KnowledgeBase.MAX_ANSWER);
            fixture.given(created())
                    .when(addFaq("faq-1", question, answer))
                    .expectEvents(faqAdded("faq-1", question, answer));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  "})
        void theQuestionIsRequired(String question) {
            refuses(addFaq("faq-1", question, ANSWER), "missing_question", "the question is required");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  "})
        void theAnswerIsRequired(String answer) {
            refuses(addFaq("faq-1", QUESTION, answer), "missing_answer", "the answer is required");
        }

        @Test
        void theFaqIdIsRequired() {
            refuses(addFaq(" ", QUESTION, ANSWER), "missing_faq_id", "faq id is required");
        }

        @Test
        void aQuestionOfMoreThanThreeHundredCharactersIsRefused() {
            refuses(addFaq("faq-1", "q".repeat(301), ANSWER), "question_too_long",
                    "the question takes at most 300 characters, got 301");
        }

        @Test
        void anAnswerOfMoreThanAThousandCharactersIsRefused() {
            refuses(addFaq("faq-1", QUESTION, "a".repeat(1001)), "answer_too_long",
                    "the answer takes at most 1000 characters, got 1001");
        }

        @Test
        void anFaqIdAlreadyUsedIsRefused() {
            refuses(addFaq("faq-1", "When do doors open?", "At 9."), "duplicate_faq",
                    "FAQ item faq-1 already exists", faqAdded("faq-1", QUESTION, ANSWER));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Where are you located?", "where ARE you located", "  WHERE, are you... located!!! ",
                "Where-are-you-located"})
        void aQuestionAlreadyAnsweredIsRefusedWhateverItsCaseAndPunctuation(String question) {
            refuses(addFaq("faq-2", question, "Elsewhere."), "duplicate_question",
                    "this knowledge base already answers \"" + question.strip() + "\"",
                    faqAdded("faq-1", QUESTION, ANSWER));
        }

        @Test
        void aDifferentQuestionIsAddedBesideTheFirst() {
            fixture.given(created(), faqAdded("faq-1", QUESTION, ANSWER))
                    .when(addFaq("faq-2", "Where are you parking?", "Behind the hall."))
                    .expectEvents(faqAdded("faq-2", "Where are you parking?", "Behind the hall."));
        }

        @Test
        void anotherOrganizationIsToldTheKnowledgeBaseDoesNotExist() {
            refuses(new AddFaqItem(KB, OTHER_ORG, "faq-1", QUESTION, ANSWER), "not_found",
                    "no knowledge base " + KB);
        }
    }

    @Nested
    class RemovingAnFaqItem {

        @Test
        void recordsTheRemoval() {
            fixture.given(created(), faqAdded("faq-1", QUESTION, ANSWER))
                    .when(new RemoveFaqItem(KB, ORG, "faq-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new FaqItemRemoved(KB, ORG, "faq-1"));
        }

        @Test
        void anUnknownItemIsNotFound() {
            refuses(new RemoveFaqItem(KB, ORG, "faq-9"), "not_found", "no FAQ item faq-9 in this knowledge base",
                    faqAdded("faq-1", QUESTION, ANSWER));
        }

        @Test
        void anItemRemovedAlreadyIsNotFound() {
            refuses(new RemoveFaqItem(KB, ORG, "faq-1"), "not_found", "no FAQ item faq-1 in this knowledge base",
                    faqAdded("faq-1", QUESTION, ANSWER), new FaqItemRemoved(KB, ORG, "faq-1"));
        }

        @Test
        void anotherOrganizationIsToldTheKnowledgeBaseDoesNotExist() {
            refuses(new RemoveFaqItem(KB, OTHER_ORG, "faq-1"), "not_found", "no knowledge base " + KB,
                    faqAdded("faq-1", QUESTION, ANSWER));
        }

        @Test
        void theSameQuestionCanBeAddedAgainOnceRemoved() {
            fixture.given(created(), faqAdded("faq-1", QUESTION, ANSWER), new FaqItemRemoved(KB, ORG, "faq-1"))
                    .when(addFaq("faq-2", QUESTION, "At the new venue."))
                    .expectEvents(faqAdded("faq-2", QUESTION, "At the new venue."));
        }

        @Test
        void theRemovedItemsIdCanBeUsedAgain() {
            fixture.given(created(), faqAdded("faq-1", QUESTION, ANSWER), new FaqItemRemoved(KB, ORG, "faq-1"))
                    .when(addFaq("faq-1", QUESTION, ANSWER))
                    .expectEvents(faqAdded("faq-1", QUESTION, ANSWER));
        }
    }

    // ---- documents ------------------------------------------------------------------------------------------------

    @Nested
    class AddingADocument {

        @ParameterizedTest
        @ValueSource(strings = {"text", "markdown", "pdf"})
        void recordsTheStrippedTitleTheCharactersAndThePassages(String sourceType) {
            fixture.given(created())
                    .when(addDocument("doc-1", "  Handbook ", sourceType, TEXT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new DocumentAdded(KB, ORG, "doc-1", "Handbook", sourceType, TEXT.length(),
                            List.of(TEXT)));
        }

        @Test
        void aLongDocumentCarriesThePassagesOfChunksAndItsRawLength() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 1_200; i++) {
                text.append("word").append(i).append(i % 37 == 36 ? ". " : " \n ");
            }
            String document = text.toString();
            List<String> chunks = Chunks.of(document);
            assertThat(chunks).hasSizeGreaterThan(2);

            fixture.given(created())
                    .when(addDocument("doc-1", "Handbook", "markdown", document))
                    .expectEvents(new DocumentAdded(KB, ORG, "doc-1", "Handbook", "markdown", document.length(),
                            chunks));
        }

        @Test
        void aTitleOfTwoHundredCharactersIsAccepted() {
            String title = "t".repeat(KnowledgeBase.MAX_TITLE);
            fixture.given(created())
                    .when(addDocument("doc-1", title, "text", TEXT))
                    .expectEvents(new DocumentAdded(KB, ORG, "doc-1", title, "text", TEXT.length(), List.of(TEXT)));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  "})
        void theTitleIsRequired(String title) {
            refuses(addDocument("doc-1", title, "text", TEXT), "missing_title", "the title is required");
        }

        @Test
        void aTitleOfMoreThanTwoHundredCharactersIsRefused() {
            refuses(addDocument("doc-1", "t".repeat(201), "text", TEXT), "title_too_long",
                    "the title takes at most 200 characters, got 201");
        }

        @Test
        void theDocumentIdIsRequired() {
            refuses(addDocument("", "Handbook", "text", TEXT), "missing_document_id", "document id is required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "docx", "PDF", "html", " text"})
        void aSourceTypeOtherThanTextMarkdownOrPdfIsRefused(String sourceType) {
            refuses(addDocument("doc-1", "Handbook", sourceType, TEXT), "invalid_source_type",
                    "a document is text, markdown or pdf");
        }

        @Test
        void aMissingSourceTypeIsRefused() {
            refuses(addDocument("doc-1", "Handbook", null, TEXT), "invalid_source_type",
                    "a document is text, markdown or pdf");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   \n\t  "})
        void aTextDocumentWithoutTextIsEmpty(String text) {
            refuses(addDocument("doc-1", "Handbook", "text", text), "empty_document",
                    "the document has no text to answer from");
        }

        @Test
        void aMarkdownDocumentWithoutTextIsEmptyWithoutThePdfHint() {
            refuses(addDocument("doc-1", "Handbook", "markdown", " \n "), "empty_document",
                    "the document has no text to answer from");
        }

        @Test
        void aPdfWithoutTextIsEmptyWithTheHintThatItMayBeScanned() {
            refuses(addDocument("doc-1", "Handbook", "pdf", "  \n "), "empty_document",
                    "the document has no text to answer from (a scanned PDF holds images, not text)");
        }

        @Test
        void aDocumentOfTwoHundredThousandCharactersIsAccepted() {
            String text = "word ".repeat(40_000).substring(0, KnowledgeBase.MAX_DOCUMENT - 1) + "x";
            assertThat(text).hasSize(KnowledgeBase.MAX_DOCUMENT);
            fixture.given(created())
                    .when(addDocument("doc-1", "Handbook", "text", text))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new DocumentAdded(KB, ORG, "doc-1", "Handbook", "text", KnowledgeBase.MAX_DOCUMENT,
                            Chunks.of(text)));
        }

        @Test
        void aDocumentOfMoreThanTwoHundredThousandCharactersIsRefused() {
            refuses(addDocument("doc-1", "Handbook", "text", "x".repeat(200_001)), "document_too_long",
                    "a document holds at most 200000 characters of text, this one 200001: split it");
        }

        @Test
        void aDocumentIdAlreadyUsedIsRefused() {
            refuses(addDocument("doc-1", "Handbook", "text", TEXT), "duplicate_document",
                    "document doc-1 already exists", documentAdded("doc-1", TEXT));
        }

        @Test
        void anotherOrganizationIsToldTheKnowledgeBaseDoesNotExist() {
            refuses(new AddDocument(KB, OTHER_ORG, "doc-1", "Handbook", "text", TEXT), "not_found",
                    "no knowledge base " + KB);
        }

        @Test
        void aRemovedDocumentsIdCanBeUsedAgain() {
            fixture.given(created(), documentAdded("doc-1", TEXT), new DocumentRemoved(KB, ORG, "doc-1"))
                    .when(addDocument("doc-1", "Handbook", "text", TEXT))
                    .expectEvents(documentAdded("doc-1", TEXT));
        }
    }

    @Nested
    class RemovingADocument {

        @Test
        void recordsTheRemoval() {
            fixture.given(created(), documentAdded("doc-1", TEXT))
                    .when(new RemoveDocument(KB, ORG, "doc-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new DocumentRemoved(KB, ORG, "doc-1"));
        }

        @Test
        void anUnknownDocumentIsNotFound() {
            refuses(new RemoveDocument(KB, ORG, "doc-9"), "not_found", "no document doc-9 in this knowledge base",
                    documentAdded("doc-1", TEXT));
        }

        @Test
        void aDocumentRemovedAlreadyIsNotFound() {
            refuses(new RemoveDocument(KB, ORG, "doc-1"), "not_found", "no document doc-1 in this knowledge base",
                    documentAdded("doc-1", TEXT), new DocumentRemoved(KB, ORG, "doc-1"));
        }

        @Test
        void anotherOrganizationIsToldTheKnowledgeBaseDoesNotExist() {
            refuses(new RemoveDocument(KB, OTHER_ORG, "doc-1"), "not_found", "no knowledge base " + KB,
                    documentAdded("doc-1", TEXT));
        }
    }
}
