package com.chatnation.crm.domain.survey;

/** What {@link AnswerValidator} made of a message: an answer, a deliberate skip, or a reason to ask again. */
public sealed interface AnswerVerdict {

    record Accepted(AnswerValue value) implements AnswerVerdict {
    }

    /** The contact skipped an optional question. */
    record Skipped() implements AnswerVerdict {
    }

    /** {@code reason} is written to be sent to the contact as is. */
    record Rejected(String reason) implements AnswerVerdict {
    }
}
