package com.chatnation.crm.application.dashboard;

import com.chatnation.crm.projections.queries.SurveyQueries;
import com.chatnation.crm.projections.queries.SurveyQueries.AnswerBucket;
import com.chatnation.crm.projections.queries.SurveyQueries.ResponseFigures;
import com.chatnation.crm.projections.queries.SurveyQueries.SurveyDefinitionRow;
import com.chatnation.crm.projections.queries.SurveyQueries.TextSample;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A survey's results over the responses started in a range: how many finished, where the others stopped,
 * how they felt, and what each question got.
 */
record SurveyResults(String surveyId, String title, int version, Instant from, Instant to,
                            Responses responses, SentimentSummary sentiment, List<Abandonment> abandonedAt,
                            List<QuestionResult> questions) {

    /** {@code completionRate} is completed / started, null when nothing started. */
    public record Responses(long started, long completed, long abandoned, long inProgress, Double completionRate) {
    }

    /** Over completed responses: negative below -0.2, positive above 0.2, neutral between (inclusive). */
    public record SentimentSummary(long scored, long negative, long neutral, long positive, Double average) {
    }

    public record Abandonment(String questionId, String questionText, long count) {
    }

    /**
     * One question's answers. Which figures are present depends on the type: {@code options} for choice
     * questions, {@code yes}/{@code no} for yes/no, {@code average} and {@code distribution} for ratings (1–5),
     * {@code nps} and {@code distribution} for NPS (0–10), {@code average}/{@code min}/{@code max} for numbers,
     * {@code samples} (latest first) for free text.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuestionResult(String id, String text, String type, long answered, long skipped,
                                 List<OptionCount> options, Long yes, Long no, Double average,
                                 Map<String, Long> distribution, Nps nps, BigDecimal min, BigDecimal max,
                                 List<Sample> samples) {
    }

    /** {@code share} is the fraction of the question's answers that picked the option. */
    public record OptionCount(String id, String label, long count, double share) {
    }

    /** {@code score} = % promoters (9–10) − % detractors (0–6), from -100 to 100. */
    public record Nps(double score, long promoters, long passives, long detractors) {
    }

    public record Sample(String text, Instant answeredAt) {
    }

    static final int SAMPLES_PER_QUESTION = 3;

    /** The results of the responses started in [from, to), either end open: what the API and the page show. */
    static SurveyResults read(SurveyQueries surveys, String organizationId, SurveyDefinitionRow survey, Instant from,
                              Instant to) {
        SurveyQueries.Range range = new SurveyQueries.Range(from, to);
        return of(survey, from, to, surveys.figures(organizationId, survey.id(), range),
                surveys.abandonedAt(organizationId, survey.id(), range),
                surveys.answerBuckets(organizationId, survey.id(), range),
                surveys.textSamples(organizationId, survey.id(), range, SAMPLES_PER_QUESTION));
    }

    static SurveyResults of(SurveyDefinitionRow survey, Instant from, Instant to, ResponseFigures figures,
                            Map<String, Long> abandoned, List<AnswerBucket> buckets, List<TextSample> samples) {
        Map<String, String> questionTexts = new LinkedHashMap<>();
        List<QuestionResult> questions = new ArrayList<>();
        for (JsonNode question : survey.questions()) {
            String id = question.path("id").asText();
            questionTexts.put(id, question.path("text").asText());
            List<AnswerBucket> own = buckets.stream().filter(b -> b.questionId().equals(id)).toList();
            List<Sample> texts = samples.stream().filter(s -> s.questionId().equals(id))
                    .map(s -> new Sample(s.text(), s.answeredAt())).toList();
            questions.add(question(question, own, texts));
        }
        List<Abandonment> abandonedAt = abandoned.entrySet().stream()
                .map(e -> new Abandonment(e.getKey().isEmpty() ? null : e.getKey(), questionTexts.get(e.getKey()),
                        e.getValue()))
                .toList();
        Double completionRate = figures.started() == 0 ? null : round((double) figures.completed() / figures.started(), 4);
        return new SurveyResults(survey.id(), survey.title(), survey.version(), from, to,
                new Responses(figures.started(), figures.completed(), figures.abandoned(), figures.inProgress(),
                        completionRate),
                new SentimentSummary(figures.scored(), figures.negative(), figures.neutral(), figures.positive(),
                        figures.averageSentiment() == null ? null
                                : figures.averageSentiment().setScale(4, RoundingMode.HALF_UP).doubleValue()),
                abandonedAt, questions);
    }

    private static QuestionResult question(JsonNode question, List<AnswerBucket> buckets, List<Sample> samples) {
        String id = question.path("id").asText();
        String type = question.path("type").asText();
        long answered = total(buckets, "answered");
        long skipped = total(buckets, "skipped");
        String text = question.path("text").asText();
        return switch (type) {
            case "SINGLE_CHOICE", "MULTIPLE_CHOICE" -> {
                List<OptionCount> options = new ArrayList<>();
                for (JsonNode option : question.path("options")) {
                    String optionId = option.path("id").asText();
                    long count = buckets.stream()
                            .filter(b -> b.kind().equals("choice") && optionId.equalsIgnoreCase(b.bucket()))
                            .mapToLong(AnswerBucket::count).sum();
                    options.add(new OptionCount(optionId, option.path("label").asText(), count,
                            answered == 0 ? 0 : round((double) count / answered, 4)));
                }
                yield new QuestionResult(id, text, type, answered, skipped, options, null, null, null, null, null,
                        null, null, null);
            }
            case "YES_NO" -> new QuestionResult(id, text, type, answered, skipped, null, flag(buckets, "true"),
                    flag(buckets, "false"), null, null, null, null, null, null);
            case "RATING" -> {
                Map<String, Long> distribution = distribution(buckets, 1, 5);
                yield new QuestionResult(id, text, type, answered, skipped, null, null, null, average(buckets),
                        distribution, null, null, null, null);
            }
            case "NPS" -> {
                Map<String, Long> distribution = distribution(buckets, 0, 10);
                long promoters = distribution.get("9") + distribution.get("10");
                long passives = distribution.get("7") + distribution.get("8");
                long detractors = distribution.values().stream().mapToLong(Long::longValue).sum() - promoters - passives;
                long rated = promoters + passives + detractors;
                Nps nps = new Nps(rated == 0 ? 0 : round(100.0 * (promoters - detractors) / rated, 1), promoters,
                        passives, detractors);
                yield new QuestionResult(id, text, type, answered, skipped, null, null, null, average(buckets),
                        distribution, nps, null, null, null);
            }
            case "NUMBER" -> {
                List<BigDecimal> values = buckets.stream().filter(b -> b.kind().equals("number"))
                        .map(b -> new BigDecimal(b.bucket())).toList();
                yield new QuestionResult(id, text, type, answered, skipped, null, null, null, average(buckets), null,
                        null, values.stream().min(BigDecimal::compareTo).orElse(null),
                        values.stream().max(BigDecimal::compareTo).orElse(null), null);
            }
            case "FREE_TEXT" -> new QuestionResult(id, text, type, answered, skipped, null, null, null, null, null,
                    null, null, null, samples);
            default -> new QuestionResult(id, text, type, answered, skipped, null, null, null, null, null, null,
                    null, null, null);
        };
    }

    private static long total(List<AnswerBucket> buckets, String kind) {
        return buckets.stream().filter(b -> b.kind().equals(kind)).mapToLong(AnswerBucket::count).sum();
    }

    private static long flag(List<AnswerBucket> buckets, String value) {
        return buckets.stream().filter(b -> b.kind().equals("flag") && value.equals(b.bucket()))
                .mapToLong(AnswerBucket::count).sum();
    }

    /** Every whole value of the scale, zero when nobody picked it. */
    private static Map<String, Long> distribution(List<AnswerBucket> buckets, int low, int high) {
        Map<String, Long> distribution = new LinkedHashMap<>();
        for (int value = low; value <= high; value++) {
            distribution.put(Integer.toString(value), 0L);
        }
        for (AnswerBucket bucket : buckets) {
            if (bucket.kind().equals("number")) {
                String key = new BigDecimal(bucket.bucket()).stripTrailingZeros().toPlainString();
                distribution.computeIfPresent(key, (k, count) -> count + bucket.count());
            }
        }
        return distribution;
    }

    private static Double average(List<AnswerBucket> buckets) {
        BigDecimal sum = BigDecimal.ZERO;
        long count = 0;
        for (AnswerBucket bucket : buckets) {
            if (bucket.kind().equals("number")) {
                sum = sum.add(new BigDecimal(bucket.bucket()).multiply(BigDecimal.valueOf(bucket.count())));
                count += bucket.count();
            }
        }
        return count == 0 ? null : sum.divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_UP).doubleValue();
    }

    private static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }
}
