package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContent.ButtonReply;
import com.chatnation.crm.domain.messaging.MessageContent.ListReply;
import com.chatnation.crm.domain.messaging.MessageContent.Media;
import com.chatnation.crm.domain.messaging.MessageContent.Text;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerValidatorTest {

    private static final Question RATING = Question.of("r", "Rate us", QuestionType.RATING);
    private static final Question NPS = Question.of("n", "Recommend us?", QuestionType.NPS);
    private static final Question YES_NO = Question.of("y", "Did you attend?", QuestionType.YES_NO);
    private static final Question FREE = Question.freeText("f", "Tell us more", true);
    private static final Question MEDIA = Question.of("m", "Send a voice note", QuestionType.MEDIA);
    private static final Question SINGLE = Question.choice("s", "Pick a session", QuestionType.SINGLE_CHOICE,
            List.of(new Option("keynote", "Keynote"), new Option("panel", "Panel discussion"), new Option("ws", "Workshop")));
    private static final Question MULTI = SurveyFixtures.colours();

    private static AnswerValue accepted(Question question, MessageContent content) {
        AnswerVerdict verdict = AnswerValidator.validate(question, content);
        assertThat(verdict).isInstanceOf(AnswerVerdict.Accepted.class);
        return ((AnswerVerdict.Accepted) verdict).value();
    }

    private static String rejected(Question question, MessageContent content) {
        AnswerVerdict verdict = AnswerValidator.validate(question, content);
        assertThat(verdict).isInstanceOf(AnswerVerdict.Rejected.class);
        return ((AnswerVerdict.Rejected) verdict).reason();
    }

    private static Media voiceNote() {
        return new Media("audio", "media-1", "audio/ogg", null, null, true, false);
    }

    @Nested
    class Numbers {
        @ParameterizedTest
        @CsvSource({"5,5", "' 4 ',4", "five,5", "Five,5", "one.,1", "tatu,3", "3\uFE0F\u20E3,3", "\u2B50\u2B50,2"})
        void ratingReadsDigitsWordsAndEmoji(String typed, int expected) {
            assertThat(accepted(RATING, new Text(typed)).number()).isEqualByComparingTo(BigDecimal.valueOf(expected));
        }

        @Test
        void ratingAcceptsTheDigitIdOfAListRowItOffered() {
            assertThat(accepted(RATING, new ListReply("4", "4", null)).number()).isEqualByComparingTo("4");
        }

        @ParameterizedTest
        @ValueSource(strings = {"6", "0", "-1", "3.5", "great", "", "six stars"})
        void ratingRejectsOutOfRangeFractionsAndWords(String typed) {
            assertThat(rejected(RATING, new Text(typed))).isEqualTo("Please reply with a number from 1 to 5.");
        }

        @Test
        void npsCoversZeroToTen() {
            assertThat(accepted(NPS, new Text("0")).number()).isEqualByComparingTo("0");
            assertThat(accepted(NPS, new Text("ten")).number()).isEqualByComparingTo("10");
            assertThat(accepted(NPS, new Text("\uD83D\uDD1F")).number()).isEqualByComparingTo("10");
            assertThat(rejected(NPS, new Text("11"))).isEqualTo("Please reply with a number from 0 to 10.");
        }

        @Test
        void numberHonoursMinAndMaxAndKeepsDecimals() {
            Question guests = new Question("g", "How many guests?", QuestionType.NUMBER, true, null, 1, 20, null);
            assertThat(accepted(guests, new Text("20")).number()).isEqualTo(new BigDecimal("20"));
            assertThat(accepted(guests, new Text("2.50")).number()).isEqualTo(new BigDecimal("2.5"));
            assertThat(rejected(guests, new Text("21"))).isEqualTo("Please reply with a number from 1 to 20.");
            assertThat(rejected(guests, new Text("0"))).isEqualTo("Please reply with a number from 1 to 20.");
            Question atLeast = new Question("a", "Age?", QuestionType.NUMBER, true, null, 18, null, null);
            assertThat(rejected(atLeast, new Text("17"))).isEqualTo("Please reply with a number of at least 18.");
            Question any = new Question("x", "Spend?", QuestionType.NUMBER, true, null, null, null, null);
            assertThat(accepted(any, new Text("100")).display()).isEqualTo("100");
            assertThat(rejected(any, new Text("lots"))).isEqualTo("Please reply with a number.");
        }

        @Test
        void mediaDoesNotAnswerANumber() {
            assertThat(rejected(RATING, voiceNote())).isEqualTo("Please reply with a number from 1 to 5.");
        }
    }

    @Nested
    class SingleChoice {
        @Test
        void acceptsTheTappedOptionId() {
            assertThat(accepted(SINGLE, new ButtonReply("panel", "Panel discussion")).choices())
                    .containsExactly(new Option("panel", "Panel discussion"));
            assertThat(accepted(SINGLE, new ListReply("ws", "Workshop", null)).choices())
                    .containsExactly(new Option("ws", "Workshop"));
        }

        @Test
        void acceptsTheOptionNumberOrLabelIgnoringCase() {
            assertThat(accepted(SINGLE, new Text("2")).choices()).extracting(Option::id).containsExactly("panel");
            assertThat(accepted(SINGLE, new Text("  panel DISCUSSION ")).choices()).extracting(Option::id)
                    .containsExactly("panel");
            assertThat(accepted(SINGLE, new Text("Workshop.")).display()).isEqualTo("Workshop");
        }

        @Test
        void rejectsUnknownOptionsNumbersAndMedia() {
            String reason = "Please pick one of the options (reply with its number, 1 to 3).";
            assertThat(rejected(SINGLE, new Text("4"))).isEqualTo(reason);
            assertThat(rejected(SINGLE, new Text("the food"))).isEqualTo(reason);
            assertThat(rejected(SINGLE, new ButtonReply("gone", "Old button"))).isEqualTo(reason);
            assertThat(rejected(SINGLE, voiceNote())).isEqualTo(reason);
        }
    }

    @Nested
    class MultipleChoice {
        @ParameterizedTest
        @ValueSource(strings = {"1,3", "1 3", "1 and 3", "3, 1", "red & blue", "Blue, RED", "1, 3, 1"})
        void acceptsNumbersAndLabelsInAnySeparatorKeepingSurveyOrder(String typed) {
            assertThat(accepted(MULTI, new Text(typed)).choices()).extracting(Option::id).containsExactly("red", "blue");
        }

        @Test
        void aMultiWordLabelIsOneChoice() {
            assertThat(accepted(MULTI, new Text("sky blue")).choices()).extracting(Option::id).containsExactly("sky");
            assertThat(accepted(MULTI, new Text("Sky blue, 2")).display()).isEqualTo("Green, Sky blue");
        }

        @Test
        void aTappedRowIsOneChoice() {
            assertThat(accepted(MULTI, new ListReply("green", "Green", null)).choices()).extracting(Option::id)
                    .containsExactly("green");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1,5", "red, purple", "", " , ", "0"})
        void rejectsAnyUnknownPick(String typed) {
            assertThat(rejected(MULTI, new Text(typed)))
                    .isEqualTo("Please reply with the numbers of your choices, e.g. 1,3 (1 to 4).");
        }
    }

    @Nested
    class YesNo {
        @ParameterizedTest
        @ValueSource(strings = {"yes", "Y", "Yeah", "yep!", "ndio", "Ndiyo"})
        void understandsYes(String typed) {
            assertThat(accepted(YES_NO, new Text(typed)).flag()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"no", "N", "nope", "Hapana"})
        void understandsNo(String typed) {
            assertThat(accepted(YES_NO, new Text(typed)).flag()).isFalse();
        }

        @Test
        void acceptsTheButtonIds() {
            assertThat(accepted(YES_NO, new ButtonReply("yes", "Yes")).display()).isEqualTo("Yes");
            assertThat(accepted(YES_NO, new ButtonReply("no", "Ndio")).flag()).isFalse();
        }

        @Test
        void rejectsAnythingElse() {
            assertThat(rejected(YES_NO, new Text("maybe"))).isEqualTo("Please reply Yes or No.");
            assertThat(rejected(YES_NO, voiceNote())).isEqualTo("Please reply Yes or No.");
        }
    }

    @Nested
    class MediaAnswers {
        @Test
        void keepsTheMediaReference() {
            AnswerValue value = accepted(MEDIA, new Media("image", "media-7", "image/jpeg", "the stage", null, false, false));
            assertThat(value.media()).isEqualTo(new MediaAnswer("image", "media-7", "image/jpeg", "the stage", null, false));
            assertThat(value.display()).isEqualTo("[image]: the stage");
            assertThat(accepted(MEDIA, voiceNote()).display()).isEqualTo("[voice note]");
        }

        @Test
        void rejectsTextAndStickers() {
            String reason = "Please send a voice note, photo, video or document.";
            assertThat(rejected(MEDIA, new Text("here it is"))).isEqualTo(reason);
            assertThat(rejected(MEDIA, new Media("sticker", "m", "image/webp", null, null, false, true))).isEqualTo(reason);
        }
    }

    @Nested
    class FreeText {
        @Test
        void acceptsTrimmedText() {
            assertThat(accepted(FREE, new Text("  The sound was poor  ")).text()).isEqualTo("The sound was poor");
        }

        @Test
        void rejectsBlankTooLongAndNonText() {
            assertThat(rejected(FREE, new Text("   "))).isEqualTo("Please type your answer.");
            assertThat(rejected(FREE, voiceNote())).isEqualTo("Please type your answer.");
            assertThat(rejected(FREE, new MessageContent.Reaction("wamid.1", "\uD83D\uDC4D")))
                    .isEqualTo("Please type your answer.");
            assertThat(accepted(FREE, new Text("a".repeat(4096))).text()).hasSize(4096);
            assertThat(rejected(FREE, new Text("a".repeat(4097))))
                    .isEqualTo("Your answer is too long. Please keep it under 4096 characters.");
        }
    }

    @Nested
    class Skipping {
        @Test
        void anOptionalQuestionCanBeSkipped() {
            assertThat(AnswerValidator.validate(FREE.optional(), new Text(" Skip ")))
                    .isInstanceOf(AnswerVerdict.Skipped.class);
            assertThat(AnswerValidator.validate(RATING.optional(), new ButtonReply("skip", "Skip")))
                    .isInstanceOf(AnswerVerdict.Skipped.class);
        }

        @Test
        void aRequiredQuestionCannotBeSkipped() {
            assertThat(rejected(FREE, new Text("skip")))
                    .isEqualTo("This question can't be skipped. Please type your answer.");
            assertThat(rejected(RATING, new Text("skip")))
                    .isEqualTo("This question can't be skipped. Please reply with a number from 1 to 5.");
        }

        @Test
        void aMediaCaptionSayingSkipIsStillMedia() {
            Media photo = new Media("image", "m1", "image/jpeg", "skip", null, false, false);
            assertThat(AnswerValidator.validate(MEDIA.optional(), photo)).isInstanceOf(AnswerVerdict.Accepted.class);
        }
    }
}
