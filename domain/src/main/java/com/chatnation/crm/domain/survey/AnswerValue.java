package com.chatnation.crm.domain.survey;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A validated, normalized answer. Exactly one field is set, chosen by the question type: {@code text} for free
 * text, {@code number} for rating, NPS and number, {@code choices} for choice questions, {@code flag} for yes/no
 * and {@code media} for media. One flat record rather than a type hierarchy keeps the stored event JSON free
 * of polymorphic type information.
 */
public record AnswerValue(String text, BigDecimal number, List<Option> choices, Boolean flag, MediaAnswer media) {

    public AnswerValue {
        choices = choices == null ? null : List.copyOf(choices);
    }

    public static AnswerValue text(String text) {
        return new AnswerValue(text, null, null, null, null);
    }

    public static AnswerValue number(BigDecimal number) {
        return new AnswerValue(null, number, null, null, null);
    }

    public static AnswerValue number(long number) {
        return number(BigDecimal.valueOf(number));
    }

    public static AnswerValue choices(List<Option> choices) {
        return new AnswerValue(null, null, choices, null, null);
    }

    public static AnswerValue flag(boolean yes) {
        return new AnswerValue(null, null, null, yes, null);
    }

    public static AnswerValue media(MediaAnswer media) {
        return new AnswerValue(null, null, null, null, media);
    }

    /** The answer as people read it in reports and transcripts. */
    public String display() {
        if (text != null) {
            return text;
        }
        if (number != null) {
            return number.toPlainString();
        }
        if (choices != null) {
            return choices.stream().map(Option::label).collect(Collectors.joining(", "));
        }
        if (flag != null) {
            return flag ? "Yes" : "No";
        }
        if (media != null) {
            String caption = media.caption() == null || media.caption().isBlank() ? "" : ": " + media.caption();
            return "[" + (media.voice() ? "voice note" : media.kind()) + "]" + caption;
        }
        return "";
    }
}
