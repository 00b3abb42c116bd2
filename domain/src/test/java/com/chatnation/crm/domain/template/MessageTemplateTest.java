package com.chatnation.crm.domain.template;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MessageTemplateTest {

    private static final String ORG = "org-1";
    private static final String ID = MessageTemplateId.of(ORG, "ticket_reminder", "en_US");
    private static final TemplateContent CONTENT = new TemplateContent(
            new TemplateHeader("TEXT", "Your ticket for {{1}}", "Sauti Sol live"),
            "Hi {{1}}, your {{2}} ticket is ready. See you there!",
            List.of(new TemplateExample("1", "Wanjiku"), new TemplateExample("2", "VIP")),
            "Reply STOP to opt out",
            List.of(new TemplateButton(TemplateButton.QUICK_REPLY, "Thanks", null, null),
                    new TemplateButton(TemplateButton.URL, "My ticket", "https://tickets.example/t/{{1}}",
                            "https://tickets.example/t/ABC123")));
    private static final MessageTemplateSubmitted SUBMITTED = new MessageTemplateSubmitted(ID, ORG, "ticket_reminder",
            "en_US", TemplateCategory.UTILITY, CONTENT, "594425479261596", "PENDING");

    private AggregateTestFixture<MessageTemplate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MessageTemplate.class);
    }

    private static SubmitMessageTemplate submit(String name, String language, TemplateCategory category,
                                                TemplateContent content) {
        return new SubmitMessageTemplate(MessageTemplateId.of(ORG, name, language), ORG, name, language, category,
                content, "594425479261596", "PENDING");
    }

    @Test
    void submitsAValidTemplate() {
        fixture.givenNoPriorActivity()
                .when(submit("ticket_reminder", "en_US", TemplateCategory.UTILITY, CONTENT))
                .expectEvents(SUBMITTED);
    }

    @Test
    void acceptsNamedParametersAndMediaHeaders() {
        TemplateContent named = new TemplateContent(new TemplateHeader("IMAGE", null, "4::aW1hZ2U="),
                "Karibu {{first_name}}! Your code is {{code}}.",
                List.of(new TemplateExample("first_name", "Amina"), new TemplateExample("code", "X1")), null, null);
        fixture.givenNoPriorActivity()
                .when(submit("welcome", "sw", TemplateCategory.MARKETING, named))
                .expectSuccessfulHandlerExecution();
        assertThat(named.parameterFormat()).isEqualTo("NAMED");
        assertThat(named.bodyParameters()).containsExactly("first_name", "code");
        assertThat(CONTENT.parameterFormat()).isEqualTo("POSITIONAL");
        assertThat(CONTENT.headerParameters()).containsExactly("1");
        assertThat(CONTENT.parameterisedButtons()).containsExactly(1);
    }

    @Test
    void refusesASecondTemplateOfTheSameNameAndLanguage() {
        fixture.given(SUBMITTED)
                .when(submit("ticket_reminder", "en_US", TemplateCategory.UTILITY, CONTENT))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("the organization already has template 'ticket_reminder' in en_US")
                .expectNoEvents();
    }

    @Test
    void aDeletedTemplateMayBeSubmittedAgain() {
        fixture.given(SUBMITTED, new MessageTemplateDeleted(ID, ORG))
                .when(submit("ticket_reminder", "en_US", TemplateCategory.UTILITY, CONTENT))
                .expectEvents(SUBMITTED);
    }

    record Refusal(String rule, String code, Function<TemplateContent, SubmitMessageTemplate> command) {
        @Override
        public String toString() {
            return rule;
        }
    }

    private static TemplateContent body(String body, TemplateExample... examples) {
        return new TemplateContent(null, body, List.of(examples), null, null);
    }

    private static TemplateContent withButtons(TemplateButton... buttons) {
        return new TemplateContent(null, "Hello there", List.of(), null, List.of(buttons));
    }

    static Stream<Refusal> refusals() {
        TemplateExample one = new TemplateExample("1", "x");
        return Stream.of(
                new Refusal("upper-case name", "invalid_template_name",
                        c -> submit("Ticket_Reminder", "en_US", TemplateCategory.UTILITY, CONTENT)),
                new Refusal("name with a space", "invalid_template_name",
                        c -> submit("ticket reminder", "en_US", TemplateCategory.UTILITY, CONTENT)),
                new Refusal("name over 512", "invalid_template_name",
                        c -> submit("a".repeat(513), "en_US", TemplateCategory.UTILITY, CONTENT)),
                new Refusal("language en-US", "invalid_template_language",
                        c -> submit("t", "en-US", TemplateCategory.UTILITY, CONTENT)),
                new Refusal("no category", "invalid_template_category", c -> submit("t", "en", null, CONTENT)),
                new Refusal("no content", "missing_template_body", c -> submit("t", "en", TemplateCategory.UTILITY, null)),
                new Refusal("blank body", "missing_template_body", c -> submit("t", "en", TemplateCategory.UTILITY, body(" "))),
                new Refusal("body over 1024", "template_body_too_long",
                        c -> submit("t", "en", TemplateCategory.UTILITY, body("a".repeat(1025)))),
                new Refusal("mixed parameters", "mixed_template_parameters", c -> submit("t", "en",
                        TemplateCategory.UTILITY, body("Hi {{1}} and {{name}}.", one, new TemplateExample("name", "y")))),
                new Refusal("gap in positions", "template_parameter_gap", c -> submit("t", "en",
                        TemplateCategory.UTILITY, body("Hi {{1}} and {{3}}.", one, new TemplateExample("3", "y")))),
                new Refusal("parameter first", "template_parameter_at_edge",
                        c -> submit("t", "en", TemplateCategory.UTILITY, body("{{1}} is here.", one))),
                new Refusal("parameter last", "template_parameter_at_edge",
                        c -> submit("t", "en", TemplateCategory.UTILITY, body("Here is {{1}}", one))),
                new Refusal("malformed parameter", "invalid_template_parameter",
                        c -> submit("t", "en", TemplateCategory.UTILITY, body("Hi {{First Name}} ok"))),
                new Refusal("unclosed parameter", "invalid_template_parameter",
                        c -> submit("t", "en", TemplateCategory.UTILITY, body("Hi {{1} ok"))),
                new Refusal("no sample", "missing_template_example",
                        c -> submit("t", "en", TemplateCategory.UTILITY, body("Hi {{1}} ok"))),
                new Refusal("empty sample", "missing_template_example", c -> submit("t", "en",
                        TemplateCategory.UTILITY, body("Hi {{1}} ok", new TemplateExample("1", " ")))),
                new Refusal("sample of no parameter", "unknown_template_example", c -> submit("t", "en",
                        TemplateCategory.UTILITY, body("Hi {{1}} ok", one, new TemplateExample("2", "z")))),
                new Refusal("header format", "invalid_template_header", c -> submit("t", "en", TemplateCategory.UTILITY,
                        new TemplateContent(new TemplateHeader("AUDIO", null, "h"), "Hello", null, null, null))),
                new Refusal("header too long", "invalid_template_header", c -> submit("t", "en", TemplateCategory.UTILITY,
                        new TemplateContent(new TemplateHeader("TEXT", "h".repeat(61), null), "Hello", null, null, null))),
                new Refusal("two header parameters", "invalid_template_header", c -> submit("t", "en",
                        TemplateCategory.UTILITY, new TemplateContent(new TemplateHeader("TEXT", "{{1}} {{2}}", "a"),
                                "Hello", null, null, null))),
                new Refusal("header parameter without sample", "missing_template_example", c -> submit("t", "en",
                        TemplateCategory.UTILITY, new TemplateContent(new TemplateHeader("TEXT", "For {{1}}", null),
                                "Hello", null, null, null))),
                new Refusal("media header without sample", "missing_template_example", c -> submit("t", "en",
                        TemplateCategory.UTILITY, new TemplateContent(new TemplateHeader("VIDEO", null, null),
                                "Hello", null, null, null))),
                new Refusal("media header with text", "invalid_template_header", c -> submit("t", "en",
                        TemplateCategory.UTILITY, new TemplateContent(new TemplateHeader("DOCUMENT", "a", "h"),
                                "Hello", null, null, null))),
                new Refusal("footer too long", "invalid_template_footer", c -> submit("t", "en", TemplateCategory.UTILITY,
                        new TemplateContent(null, "Hello", null, "f".repeat(61), null))),
                new Refusal("footer parameter", "invalid_template_footer", c -> submit("t", "en", TemplateCategory.UTILITY,
                        new TemplateContent(null, "Hello", null, "Bye {{1}}", null))),
                new Refusal("eleven buttons", "too_many_template_buttons", c -> submit("t", "en", TemplateCategory.UTILITY,
                        withButtons(Stream.generate(() -> new TemplateButton("QUICK_REPLY", "ok", null, null)).limit(11)
                                .toArray(TemplateButton[]::new)))),
                new Refusal("three URL buttons", "too_many_template_buttons", c -> submit("t", "en",
                        TemplateCategory.UTILITY, withButtons(Stream.generate(() ->
                                new TemplateButton("URL", "go", "https://x.example", null)).limit(3)
                                .toArray(TemplateButton[]::new)))),
                new Refusal("button kind", "invalid_template_button", c -> submit("t", "en", TemplateCategory.UTILITY,
                        withButtons(new TemplateButton("PHONE_NUMBER", "Call", null, null)))),
                new Refusal("button text too long", "invalid_template_button", c -> submit("t", "en",
                        TemplateCategory.UTILITY, withButtons(new TemplateButton("QUICK_REPLY", "b".repeat(26), null, null)))),
                new Refusal("URL not http", "invalid_template_button", c -> submit("t", "en", TemplateCategory.UTILITY,
                        withButtons(new TemplateButton("URL", "Go", "ftp://x.example", null)))),
                new Refusal("URL parameter not at the end", "invalid_template_button", c -> submit("t", "en",
                        TemplateCategory.UTILITY, withButtons(new TemplateButton("URL", "Go",
                                "https://x.example/{{1}}/page", "https://x.example/a/page")))),
                new Refusal("URL parameter without sample", "missing_template_example", c -> submit("t", "en",
                        TemplateCategory.UTILITY, withButtons(new TemplateButton("URL", "Go", "https://x.example/{{1}}",
                                null)))),
                new Refusal("quick reply with a link", "invalid_template_button", c -> submit("t", "en",
                        TemplateCategory.UTILITY, withButtons(new TemplateButton("QUICK_REPLY", "Go", "https://x", null)))),
                new Refusal("id not derived from name and language", "invalid_template_id",
                        c -> new SubmitMessageTemplate("other", ORG, "t", "en", TemplateCategory.UTILITY,
                                body("Hello"), "1", "PENDING")),
                new Refusal("Meta id not numeric", "invalid_meta_template_id",
                        c -> new SubmitMessageTemplate(MessageTemplateId.of(ORG, "t", "en"), ORG, "t", "en",
                                TemplateCategory.UTILITY, body("Hello"), "abc", "PENDING")),
                new Refusal("status not Meta's word", "invalid_template_status",
                        c -> new SubmitMessageTemplate(MessageTemplateId.of(ORG, "t", "en"), ORG, "t", "en",
                                TemplateCategory.UTILITY, body("Hello"), "1", "pending")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesTemplatesMetaWouldNotTake(Refusal refusal) {
        fixture.givenNoPriorActivity()
                .when(refusal.command().apply(CONTENT))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
        // the fixture checks the type; the code is what callers react to
        try {
            new MessageTemplate().handle(refusal.command().apply(CONTENT));
        } catch (DomainRuleViolation violation) {
            assertThat(violation.code()).isEqualTo(refusal.code());
            return;
        } catch (IllegalStateException noUnitOfWork) {
            throw new AssertionError("the rule " + refusal + " was not checked before applying an event");
        }
        throw new AssertionError("the rule " + refusal + " refused nothing");
    }

    @Test
    void recordsStatusChangesOnceWithTheirReason() {
        fixture.given(SUBMITTED)
                .when(new RecordTemplateStatus(ID, "REJECTED", "INVALID_FORMAT"))
                .expectEvents(new MessageTemplateStatusChanged(ID, ORG, "REJECTED", "PENDING", "INVALID_FORMAT"));
        fixture.given(SUBMITTED, new MessageTemplateStatusChanged(ID, ORG, "APPROVED", "PENDING", null))
                .when(new RecordTemplateStatus(ID, "APPROVED", "NONE"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesAStatusThatIsNotMetasWord() {
        fixture.given(SUBMITTED)
                .when(new RecordTemplateStatus(ID, "approved; drop", null))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedTemplateIgnoresLateStatusesAndCategories() {
        fixture.given(SUBMITTED, new MessageTemplateDeleted(ID, ORG))
                .when(new RecordTemplateStatus(ID, "APPROVED", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(SUBMITTED, new MessageTemplateDeleted(ID, ORG))
                .when(new RecordTemplateCategory(ID, TemplateCategory.MARKETING))
                .expectNoEvents();
        fixture.given(SUBMITTED, new MessageTemplateDeleted(ID, ORG))
                .when(new DeleteMessageTemplate(ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void recordsARecategorization() {
        fixture.given(SUBMITTED)
                .when(new RecordTemplateCategory(ID, TemplateCategory.MARKETING))
                .expectEvents(new MessageTemplateCategoryChanged(ID, ORG, TemplateCategory.MARKETING,
                        TemplateCategory.UTILITY));
        fixture.given(SUBMITTED)
                .when(new RecordTemplateCategory(ID, TemplateCategory.UTILITY))
                .expectNoEvents();
        fixture.given(SUBMITTED)
                .when(new RecordTemplateCategory(ID, null))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void importsAnUnknownTemplateAndUpdatesAKnownOne() {
        String id = MessageTemplateId.of(ORG, "made_elsewhere", "sw");
        fixture.givenNoPriorActivity()
                .when(new ImportMessageTemplate(id, ORG, "made_elsewhere", "sw", TemplateCategory.MARKETING,
                        body("Habari"), "77", "APPROVED", "NONE"))
                .expectEvents(new MessageTemplateImported(id, ORG, "made_elsewhere", "sw", TemplateCategory.MARKETING,
                        body("Habari"), "77", "APPROVED", null));
        fixture = new AggregateTestFixture<>(MessageTemplate.class);
        fixture.given(SUBMITTED)
                .when(new ImportMessageTemplate(ID, ORG, "ticket_reminder", "en_US", TemplateCategory.MARKETING,
                        CONTENT, "594425479261596", "APPROVED", null))
                .expectEvents(new MessageTemplateStatusChanged(ID, ORG, "APPROVED", "PENDING", null),
                        new MessageTemplateCategoryChanged(ID, ORG, TemplateCategory.MARKETING, TemplateCategory.UTILITY));
        fixture.given(SUBMITTED)
                .when(new ImportMessageTemplate(ID, ORG, "ticket_reminder", "en_US", TemplateCategory.UTILITY,
                        CONTENT, "594425479261596", "PENDING", null))
                .expectNoEvents();
    }

    @Test
    void refusesAnImportWithoutCategoryOrMetaId() {
        String id = MessageTemplateId.of(ORG, "x", "en");
        fixture.givenNoPriorActivity()
                .when(new ImportMessageTemplate(id, ORG, "x", "en", null, body("Hi"), "77", "APPROVED", null))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ImportMessageTemplate(id, ORG, "x", "en", TemplateCategory.UTILITY, body("Hi"), null,
                        "APPROVED", null))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void deletes() {
        fixture.given(SUBMITTED)
                .when(new DeleteMessageTemplate(ID))
                .expectEvents(new MessageTemplateDeleted(ID, ORG));
    }

    @Test
    void theCategoryNamesItsPriceAction() {
        assertThat(TemplateCategory.MARKETING.priceAction()).isEqualTo("marketing");
        assertThat(TemplateCategory.parse("authentication")).isEqualTo(TemplateCategory.AUTHENTICATION);
        assertThat(TemplateCategory.parse("SERVICE")).isNull();
    }
}
