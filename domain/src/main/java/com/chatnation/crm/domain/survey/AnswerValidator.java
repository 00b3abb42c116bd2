package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.messaging.MessageContent;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns what a contact sent into an answer to a question, or into the reason to ask again. Lenient on form
 * (words, numbers, labels, taps on the buttons the bot offered) and strict on meaning (ranges, known options).
 */
public final class AnswerValidator {

    public static final int MAX_TEXT_LENGTH = 4096;

    private static final Set<String> YES = Set.of("yes", "y", "yeah", "yep", "yup", "ndio", "ndiyo", "\uD83D\uDC4D");
    private static final Set<String> NO = Set.of("no", "n", "nope", "nah", "hapana", "\uD83D\uDC4E");
    private static final Set<String> MEDIA_KINDS = Set.of("audio", "image", "video", "document");
    private static final String SKIP = "skip";

    private AnswerValidator() {
    }

    public static AnswerVerdict validate(Question question, MessageContent content) {
        if (content == null) {
            return reject(reasonFor(question));
        }
        boolean saidSkip = SKIP.equals(clean(content.tappedId()))
                || (isTyped(content) && SKIP.equals(clean(content.readableText())));
        if (saidSkip) {
            return question.required()
                    ? reject("This question can't be skipped. " + reasonFor(question))
                    : new AnswerVerdict.Skipped();
        }
        return switch (question.type()) {
            case FREE_TEXT -> freeText(content);
            case SINGLE_CHOICE -> singleChoice(question, content);
            case MULTIPLE_CHOICE -> multipleChoice(question, content);
            case RATING, NPS, NUMBER -> number(question, content);
            case YES_NO -> yesNo(content);
            case MEDIA -> media(content);
        };
    }

    /** What the contact is told when their message does not answer the question. */
    public static String reasonFor(Question question) {
        return switch (question.type()) {
            case FREE_TEXT -> "Please type your answer.";
            case SINGLE_CHOICE -> "Please pick one of the options (reply with its number, 1 to "
                    + question.options().size() + ").";
            case MULTIPLE_CHOICE -> "Please reply with the numbers of your choices, e.g. 1,3 (1 to "
                    + question.options().size() + ").";
            case RATING -> "Please reply with a number from 1 to 5.";
            case NPS -> "Please reply with a number from 0 to 10.";
            case NUMBER -> numberReason(question.min(), question.max());
            case YES_NO -> "Please reply Yes or No.";
            case MEDIA -> "Please send a voice note, photo, video or document.";
        };
    }

    private static AnswerVerdict freeText(MessageContent content) {
        if (!(content instanceof MessageContent.Text text) || text.body() == null || text.body().isBlank()) {
            return reject("Please type your answer.");
        }
        String body = text.body().trim();
        if (body.length() > MAX_TEXT_LENGTH) {
            return reject("Your answer is too long. Please keep it under " + MAX_TEXT_LENGTH + " characters.");
        }
        return accept(AnswerValue.text(body));
    }

    private static AnswerVerdict singleChoice(Question question, MessageContent content) {
        Option picked = optionFromReply(question, content);
        if (picked == null && isTyped(content)) {
            picked = optionFromWords(question, content.readableText());
        }
        return picked == null ? reject(reasonFor(question)) : accept(AnswerValue.choices(List.of(picked)));
    }

    private static AnswerVerdict multipleChoice(Question question, MessageContent content) {
        Option tapped = optionFromReply(question, content);
        if (tapped != null) {
            return accept(AnswerValue.choices(List.of(tapped)));
        }
        if (!isTyped(content)) {
            return reject(reasonFor(question));
        }
        String text = content.readableText();
        Option whole = optionFromWords(question, text);
        if (whole != null) {
            return accept(AnswerValue.choices(List.of(whole)));
        }
        Set<Option> picked = new LinkedHashSet<>();
        for (String part : text.split(",|;|&|\\+|\\band\\b|\\bna\\b")) {
            if (part.isBlank()) {
                continue;
            }
            Option option = optionFromWords(question, part);
            if (option != null) {
                picked.add(option);
            } else if (part.trim().matches("[\\d\\s]+")) {
                // "1 3": several numbers separated by spaces only
                for (String number : part.trim().split("\\s+")) {
                    Option numbered = optionFromWords(question, number);
                    if (numbered == null) {
                        return reject(reasonFor(question));
                    }
                    picked.add(numbered);
                }
            } else {
                return reject(reasonFor(question));
            }
        }
        if (picked.isEmpty()) {
            return reject(reasonFor(question));
        }
        // Reports compare picks, so keep them in the survey's order rather than the order typed.
        List<Option> ordered = new ArrayList<>(question.options());
        ordered.retainAll(picked);
        return accept(AnswerValue.choices(ordered));
    }

    private static AnswerVerdict number(Question question, MessageContent content) {
        BigDecimal number = null;
        String replyId = content.tappedId();
        if (replyId != null) {
            number = NumberReading.read(replyId);
        }
        if (number == null && (isTyped(content) || replyId != null)) {
            number = NumberReading.read(content.readableText());
        }
        if (number == null) {
            return reject(reasonFor(question));
        }
        Integer min = question.min();
        Integer max = question.max();
        if (question.type() != QuestionType.NUMBER) {
            if (number.scale() > 0) {
                return reject(reasonFor(question));
            }
            min = question.type() == QuestionType.RATING ? 1 : 0;
            max = question.type() == QuestionType.RATING ? 5 : 10;
        }
        if (min != null && number.compareTo(BigDecimal.valueOf(min)) < 0
                || max != null && number.compareTo(BigDecimal.valueOf(max)) > 0) {
            return reject(reasonFor(question));
        }
        return accept(AnswerValue.number(number));
    }

    private static AnswerVerdict yesNo(MessageContent content) {
        String replyId = clean(content.tappedId());
        String said = replyId != null && (YES.contains(replyId) || NO.contains(replyId))
                ? replyId : clean(content.readableText());
        if (content instanceof MessageContent.Media || said == null) {
            return reject("Please reply Yes or No.");
        }
        if (YES.contains(said)) {
            return accept(AnswerValue.flag(true));
        }
        if (NO.contains(said)) {
            return accept(AnswerValue.flag(false));
        }
        return reject("Please reply Yes or No.");
    }

    private static AnswerVerdict media(MessageContent content) {
        if (content instanceof MessageContent.Media media && MEDIA_KINDS.contains(media.kind())
                && media.mediaId() != null && !media.mediaId().isBlank()) {
            return accept(AnswerValue.media(new MediaAnswer(media.kind(), media.mediaId(), media.mimeType(),
                    media.caption(), media.filename(), media.voice())));
        }
        return reject("Please send a voice note, photo, video or document.");
    }

    private static Option optionFromReply(Question question, MessageContent content) {
        String replyId = content.tappedId();
        return replyId == null ? null : question.option(replyId);
    }

    /** An option named by its number in the list, its label or its id. */
    private static Option optionFromWords(Question question, String words) {
        String said = clean(words);
        if (said == null || said.isEmpty()) {
            return null;
        }
        if (said.matches("\\d{1,2}")) {
            int position = Integer.parseInt(said);
            return position >= 1 && position <= question.options().size() ? question.options().get(position - 1) : null;
        }
        for (Option option : question.options()) {
            if (option.label().equalsIgnoreCase(said) || option.id().equalsIgnoreCase(said)) {
                return option;
            }
        }
        return null;
    }

    /** Words a contact typed or tapped; media captions and the like are not answers to a closed question. */
    private static boolean isTyped(MessageContent content) {
        return content instanceof MessageContent.Text || content.tappedId() != null;
    }

    private static String clean(String text) {
        return text == null ? null : text.trim().toLowerCase(Locale.ROOT).replaceAll("[.!]+$", "").trim();
    }

    private static String numberReason(Integer min, Integer max) {
        if (min != null && max != null) {
            return "Please reply with a number from " + min + " to " + max + ".";
        }
        if (min != null) {
            return "Please reply with a number of at least " + min + ".";
        }
        if (max != null) {
            return "Please reply with a number of at most " + max + ".";
        }
        return "Please reply with a number.";
    }

    private static AnswerVerdict accept(AnswerValue value) {
        return new AnswerVerdict.Accepted(value);
    }

    private static AnswerVerdict reject(String reason) {
        return new AnswerVerdict.Rejected(reason);
    }
}
