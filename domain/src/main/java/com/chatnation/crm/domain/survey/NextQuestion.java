package com.chatnation.crm.domain.survey;

import java.util.List;

/**
 * Where a response goes after a question: {@code questionId} is the next question to ask, or null when the
 * survey is over; {@code jumpedOver} are the questions a skip rule passed by, in order.
 */
public record NextQuestion(String questionId, List<String> jumpedOver) {

    public NextQuestion {
        jumpedOver = List.copyOf(jumpedOver);
    }

    public boolean endsSurvey() {
        return questionId == null;
    }
}
