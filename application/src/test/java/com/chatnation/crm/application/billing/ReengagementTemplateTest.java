package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.platform.whatsapp.TemplateMessage;
import com.chatnation.crm.domain.template.TemplateButton;
import com.chatnation.crm.domain.template.TemplateCategory;
import com.chatnation.crm.domain.template.TemplateContent;
import com.chatnation.crm.domain.template.TemplateHeader;
import com.chatnation.crm.projections.queries.TemplateQueries.TemplateRow;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of an organization's templates re-engages a contact, and what a reply's text becomes in it. */
class ReengagementTemplateTest {

    private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");

    private static TemplateRow row(String language, String status, TemplateContent content) {
        return new TemplateRow("id-" + language, "ticket_issued", language, "UTILITY", null, status, null, "1",
                content.parameterFormat(), content, "created", AT, AT, null);
    }

    private static TemplateContent body(String text) {
        return new TemplateContent(null, text, null, null, null);
    }

    private static final TemplateContent ONE_PARAMETER = body("Your tickets: {{1}} See you there.");

    @Nested
    class TheParameter {
        @Test
        void lineBreaksTabsAndRunsOfSpacesBecomeOneSpace() {
            assertThat(ReengagementTemplate.parameter("Payment received!\n\nYour tickets:\tAB12,  CD34\r\n"
                    + "Show a code     at the entrance."))
                    .isEqualTo("Payment received! Your tickets: AB12, CD34 Show a code at the entrance.");
        }

        @Test
        void unicodeLineSeparatorsAndNoBreakSpacesToo() {
            assertThat(ReengagementTemplate.parameter("one\u2028two\u00a0\u00a0\u00a0\u00a0\u00a0three"))
                    .isEqualTo("one two three");
        }

        @Test
        void leadingAndTrailingWhitespaceGoesAndTextWithoutAnyIsKept() {
            assertThat(ReengagementTemplate.parameter("  \n*TechExpo*: AB12 \t")).isEqualTo("*TechExpo*: AB12");
            assertThat(ReengagementTemplate.parameter("AB12")).isEqualTo("AB12");
            assertThat(ReengagementTemplate.parameter(" \n\t ")).isEmpty();
            assertThat(ReengagementTemplate.parameter(null)).isEmpty();
        }
    }

    @Nested
    class TheChoice {
        @Test
        void anEnglishApprovedTemplateIsPreferred() {
            assertThat(ReengagementTemplate.choose(List.of(row("af", "APPROVED", ONE_PARAMETER),
                    row("en_US", "APPROVED", ONE_PARAMETER), row("sw", "APPROVED", ONE_PARAMETER))))
                    .hasValueSatisfying(t -> {
                        assertThat(t.row().language()).isEqualTo("en_US");
                        assertThat(t.category()).isEqualTo(TemplateCategory.UTILITY);
                    });
        }

        @Test
        void withoutAnEnglishOneTheFirstApprovedIsTaken() {
            assertThat(ReengagementTemplate.choose(List.of(row("en", "PENDING", ONE_PARAMETER),
                    row("fr", "REJECTED", ONE_PARAMETER), row("sw", "APPROVED", ONE_PARAMETER),
                    row("zu", "APPROVED", ONE_PARAMETER))))
                    .hasValueSatisfying(t -> assertThat(t.row().language()).isEqualTo("sw"));
        }

        @Test
        void noneApprovedOrNoneAtAllIsNoTemplate() {
            assertThat(ReengagementTemplate.choose(List.of(row("en", "PAUSED", ONE_PARAMETER)))).isEmpty();
            assertThat(ReengagementTemplate.choose(List.of())).isEmpty();
        }

        @Test
        void aTemplateNeedingMoreThanTheReplyIsNoTemplate() {
            TemplateContent twoParameters = body("Hi {{1}}, your {{2}} tickets are ready.");
            TemplateContent headerParameter = new TemplateContent(new TemplateHeader("TEXT", "For {{1}}", "Expo"),
                    "Your tickets: {{1}} See you.", null, null, null);
            TemplateContent mediaHeader = new TemplateContent(new TemplateHeader("IMAGE", null, "handle"),
                    "Your tickets: {{1}} See you.", null, null, null);
            TemplateContent urlButton = new TemplateContent(null, "Your tickets: {{1}} See you.", null, null,
                    List.of(new TemplateButton("URL", "Open", "https://t.example/{{1}}", "https://t.example/a")));
            for (TemplateContent content : List.of(twoParameters, headerParameter, mediaHeader, urlButton)) {
                assertThat(ReengagementTemplate.choose(List.of(row("en", "APPROVED", content)))).as(content.toString())
                        .isEmpty();
            }
        }

        @Test
        void theChosenTemplateIsNotSwappedForAnotherThatFits() {
            TemplateContent twoParameters = body("Hi {{1}}, your {{2}} tickets are ready.");
            assertThat(ReengagementTemplate.choose(List.of(row("en", "APPROVED", twoParameters),
                    row("sw", "APPROVED", ONE_PARAMETER)))).isEmpty();
        }
    }

    @Nested
    class TheMessage {
        @Test
        void thePositionalParameterTakesTheReplysTextOnOneLine() {
            TemplateMessage message = ReengagementTemplate.choose(List.of(row("en", "APPROVED", ONE_PARAMETER)))
                    .orElseThrow().message("Your tickets for *Expo*:\nAB12, CD34.").orElseThrow();
            assertThat(message.name()).isEqualTo("ticket_issued");
            assertThat(message.language()).isEqualTo("en");
            assertThat(message.header()).isNull();
            assertThat(message.buttons()).isEmpty();
            assertThat(message.body()).containsExactly(new TemplateMessage.Text(null, "Your tickets for *Expo*: AB12, CD34."));
        }

        @Test
        void aNamedParameterIsFilledByName() {
            TemplateContent named = body("Your tickets: {{codes}} See you there.");
            TemplateMessage message = ReengagementTemplate.choose(List.of(row("en", "APPROVED", named)))
                    .orElseThrow().message("AB12").orElseThrow();
            assertThat(message.body()).containsExactly(new TemplateMessage.Text("codes", "AB12"));
        }

        @Test
        void aTemplateWithoutParametersIgnoresTheText() {
            TemplateMessage message = ReengagementTemplate.choose(List.of(row("en", "APPROVED",
                    body("Your tickets are ready: write to us to see them.")))).orElseThrow().message("AB12")
                    .orElseThrow();
            assertThat(message.body()).isEmpty();
        }

        @Test
        void aBlankTextCannotFillTheParameter() {
            assertThat(ReengagementTemplate.choose(List.of(row("en", "APPROVED", ONE_PARAMETER))).orElseThrow()
                    .message(" \n ")).isEmpty();
        }
    }
}
