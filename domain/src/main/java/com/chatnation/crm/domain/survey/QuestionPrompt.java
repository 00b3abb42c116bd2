package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.messaging.OutboundReply.Choice;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Renders a question as the message the bot sends: reply buttons when there are at most 3 choices, a list
 * when there are at most 10, numbered text otherwise. The ids of buttons and rows are what
 * {@link AnswerValidator} accepts back (option ids, {@code yes}/{@code no}, digits).
 */
public final class QuestionPrompt {

    public static final String OPTIONAL_HINT = "(optional – reply skip)";
    static final String LIST_BUTTON = "Choose";
    /** WhatsApp cuts button titles at 20 characters and list row titles at 24, and refuses longer ones. */
    private static final int BUTTON_TITLE_MAX = 20;
    private static final int ROW_TITLE_MAX = 24;

    private QuestionPrompt() {
    }

    public static OutboundReply ask(Question question) {
        return render(question, null);
    }

    /** Asks again after an unusable answer, saying first what was wrong with it. */
    public static OutboundReply reask(Question question, String rejectionReason) {
        return render(question, rejectionReason);
    }

    /** The first question of a response, introduced by the survey's intro. */
    public static OutboundReply introduce(String intro, Question question) {
        return render(question, intro);
    }

    private static OutboundReply render(Question question, String lead) {
        StringBuilder body = new StringBuilder();
        if (lead != null && !lead.isBlank()) {
            body.append(lead.trim()).append("\n\n");
        }
        body.append(question.text());
        if (!question.required()) {
            body.append('\n').append(OPTIONAL_HINT);
        }
        String text = body.toString();
        return switch (question.type()) {
            case SINGLE_CHOICE -> choices(text, question.options().stream()
                    .map(o -> new Choice(o.id(), o.label())).toList());
            // A button or list tap picks one option only, so several picks have to be typed.
            case MULTIPLE_CHOICE -> new OutboundReply.Text(numbered(text, question.options().stream()
                    .map(Option::label).toList()) + "\nReply with the numbers of all that apply, e.g. 1,3");
            case YES_NO -> new OutboundReply.Buttons(text, List.of(new Choice("yes", "Yes"), new Choice("no", "No")));
            case RATING -> choices(text, IntStream.rangeClosed(1, 5)
                    .mapToObj(n -> new Choice(Integer.toString(n), Integer.toString(n), ratingLabel(n))).toList());
            // 11 values do not fit a 10-row list.
            case NPS -> new OutboundReply.Text(text + "\nReply with a number from 0 to 10");
            case NUMBER -> new OutboundReply.Text(text + "\n" + numberHint(question));
            case MEDIA -> new OutboundReply.Text(text + "\nSend a voice note, photo, video or document.");
            case FREE_TEXT -> new OutboundReply.Text(text);
        };
    }

    private static OutboundReply choices(String body, List<Choice> choices) {
        if (choices.size() <= 3) {
            return new OutboundReply.Buttons(body, choices.stream()
                    .map(c -> new Choice(c.id(), shorten(c.title(), BUTTON_TITLE_MAX), c.description())).toList());
        }
        if (choices.size() <= 10) {
            return new OutboundReply.ChoiceList(body, LIST_BUTTON, choices.stream()
                    .map(c -> new Choice(c.id(), shorten(c.title(), ROW_TITLE_MAX), c.description())).toList());
        }
        return new OutboundReply.Text(numbered(body, choices.stream().map(Choice::title).toList())
                + "\nReply with the number of your choice.");
    }

    private static String numbered(String body, List<String> titles) {
        StringBuilder text = new StringBuilder(body);
        for (int i = 0; i < titles.size(); i++) {
            text.append('\n').append(i + 1).append(". ").append(titles.get(i));
        }
        return text.toString();
    }

    private static String ratingLabel(int stars) {
        return switch (stars) {
            case 1 -> "Very poor";
            case 5 -> "Excellent";
            default -> null;
        };
    }

    private static String numberHint(Question question) {
        if (question.min() != null && question.max() != null) {
            return "Reply with a number from " + question.min() + " to " + question.max();
        }
        if (question.min() != null) {
            return "Reply with a number of at least " + question.min();
        }
        if (question.max() != null) {
            return "Reply with a number of at most " + question.max();
        }
        return "Reply with a number";
    }

    private static String shorten(String title, int max) {
        return title.length() <= max ? title : title.substring(0, max - 1) + "…";
    }
}
