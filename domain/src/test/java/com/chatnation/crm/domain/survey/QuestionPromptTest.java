package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.messaging.OutboundReply.Choice;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionPromptTest {

    private static List<Option> options(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new Option("o" + i, "Option " + i)).toList();
    }

    @Test
    void upToThreeChoicesAreButtonsWithTheOptionIds() {
        Question question = Question.choice("q", "Pick one", QuestionType.SINGLE_CHOICE, options(3));
        OutboundReply reply = QuestionPrompt.ask(question);
        assertThat(reply).isInstanceOf(OutboundReply.Buttons.class);
        assertThat(((OutboundReply.Buttons) reply).buttons()).extracting(Choice::id).containsExactly("o1", "o2", "o3");
        assertThat(((OutboundReply.Buttons) reply).body()).isEqualTo("Pick one");
    }

    @Test
    void fourToTenChoicesAreAList() {
        OutboundReply reply = QuestionPrompt.ask(Question.choice("q", "Pick one", QuestionType.SINGLE_CHOICE, options(10)));
        assertThat(reply).isInstanceOf(OutboundReply.ChoiceList.class);
        assertThat(((OutboundReply.ChoiceList) reply).rows()).hasSize(10).first()
                .isEqualTo(new Choice("o1", "Option 1"));
    }

    @Test
    void moreThanTenChoicesAreNumberedText() {
        OutboundReply reply = QuestionPrompt.ask(Question.choice("q", "Pick one", QuestionType.SINGLE_CHOICE, options(11)));
        assertThat(reply).isInstanceOf(OutboundReply.Text.class);
        assertThat(reply.fallbackText()).startsWith("Pick one\n1. Option 1\n2. Option 2")
                .contains("\n11. Option 11").endsWith("Reply with the number of your choice.");
    }

    @Test
    void longOptionLabelsAreShortenedToWhatWhatsAppAccepts() {
        Question question = Question.choice("q", "Pick", QuestionType.SINGLE_CHOICE,
                List.of(new Option("a", "A very long option label indeed"), new Option("b", "B")));
        OutboundReply.Buttons buttons = (OutboundReply.Buttons) QuestionPrompt.ask(question);
        assertThat(buttons.buttons().get(0).title()).hasSize(20).endsWith("…");
    }

    @Test
    void yesNoIsTwoButtons() {
        OutboundReply.Buttons reply = (OutboundReply.Buttons) QuestionPrompt.ask(Question.of("q", "Ok?", QuestionType.YES_NO));
        assertThat(reply.buttons()).containsExactly(new Choice("yes", "Yes"), new Choice("no", "No"));
    }

    @Test
    void ratingIsAListOfDigits() {
        OutboundReply.ChoiceList reply = (OutboundReply.ChoiceList) QuestionPrompt.ask(Question.of("q", "Rate", QuestionType.RATING));
        assertThat(reply.rows()).extracting(Choice::id).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void npsIsNumberedTextBecauseElevenRowsDoNotFitAList() {
        OutboundReply reply = QuestionPrompt.ask(Question.of("q", "Would you recommend us?", QuestionType.NPS));
        assertThat(reply).isEqualTo(new OutboundReply.Text("Would you recommend us?\nReply with a number from 0 to 10"));
    }

    @Test
    void multipleChoiceIsTypedBecauseATapPicksOnlyOne() {
        OutboundReply reply = QuestionPrompt.ask(SurveyFixtures.colours());
        assertThat(reply).isInstanceOf(OutboundReply.Text.class);
        assertThat(reply.fallbackText()).contains("\n4. Sky blue").endsWith("e.g. 1,3");
    }

    @Test
    void numberFreeTextAndMediaAreText() {
        assertThat(QuestionPrompt.ask(new Question("q", "Guests?", QuestionType.NUMBER, true, null, 1, 20, null)))
                .isEqualTo(new OutboundReply.Text("Guests?\nReply with a number from 1 to 20"));
        assertThat(QuestionPrompt.ask(Question.freeText("q", "Why?", true))).isEqualTo(new OutboundReply.Text("Why?"));
        assertThat(QuestionPrompt.ask(Question.of("q", "Show us", QuestionType.MEDIA)).fallbackText())
                .isEqualTo("Show us\nSend a voice note, photo, video or document.");
    }

    @Test
    void optionalQuestionsSayTheyCanBeSkipped() {
        assertThat(QuestionPrompt.ask(Question.freeText("q", "Anything else?", false)))
                .isEqualTo(new OutboundReply.Text("Anything else?\n(optional – reply skip)"));
    }

    @Test
    void aReaskStartsWithTheReason() {
        OutboundReply reply = QuestionPrompt.reask(Question.of("q", "Rate", QuestionType.RATING),
                "Please reply with a number from 1 to 5.");
        assertThat(((OutboundReply.ChoiceList) reply).body()).isEqualTo("Please reply with a number from 1 to 5.\n\nRate");
    }

    @Test
    void theFirstQuestionStartsWithTheIntro() {
        assertThat(QuestionPrompt.introduce("Hi!", Question.freeText("q", "Name?", true)))
                .isEqualTo(new OutboundReply.Text("Hi!\n\nName?"));
        assertThat(QuestionPrompt.introduce(null, Question.freeText("q", "Name?", true)))
                .isEqualTo(new OutboundReply.Text("Name?"));
    }
}
