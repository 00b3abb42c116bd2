package com.chatnation.crm.domain.survey;

/** How a question is answered, and therefore how an answer is validated and how the question is rendered. */
public enum QuestionType {
    FREE_TEXT,
    SINGLE_CHOICE,
    MULTIPLE_CHOICE,
    /** 1 to 5. */
    RATING,
    /** Net promoter score, 0 to 10. */
    NPS,
    /** Any number, optionally bounded by the question's min and max. */
    NUMBER,
    YES_NO,
    /** A voice note, photo, video or document. */
    MEDIA;

    public boolean takesOptions() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
    }

    public boolean numeric() {
        return this == RATING || this == NPS || this == NUMBER;
    }
}
