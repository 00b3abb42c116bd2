package com.chatnation.crm.projections.analytics;

import java.time.LocalDate;
import java.util.List;

/**
 * A survey's responses started between {@code from} and {@code to} (UTC days, both included), question by
 * question. {@code inProgress} responses neither completed nor were abandoned yet.
 *
 * @param title the survey's current title, when the survey is known to the surveys read table
 */
public record SurveyFunnelReport(String surveyId, String title, LocalDate from, LocalDate to, long started,
                                 long completed, long abandoned, long inProgress, Double completionPercent,
                                 List<QuestionFigures> questions) {

    /**
     * One question, in the survey's order. Skip logic may jump over a question, so {@code reached} can grow again
     * after a question with drop-off.
     *
     * @param reached        responses that were asked the question: answered + skipped + droppedOff
     * @param skipped        responses whose contact skipped it (an optional question)
     * @param droppedOff     responses abandoned at this question
     * @param dropOffPercent droppedOff / reached × 100, one decimal; null when nobody reached it
     */
    public record QuestionFigures(int position, String questionId, String text, long reached, long answered,
                                  long skipped, long droppedOff, Double dropOffPercent) {
    }
}
