package com.chatnation.crm.projections.queries;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.List;

/**
 * One condition of an audience; an audience's conditions all hold (AND). Written as JSON with a {@code type}:
 * {@code tag}, {@code attribute}, {@code survey}, {@code event}, {@code active_since}, {@code consent},
 * {@code engagement}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AudienceCondition.HasTag.class, name = "tag"),
        @JsonSubTypes.Type(value = AudienceCondition.AttributeEquals.class, name = "attribute"),
        @JsonSubTypes.Type(value = AudienceCondition.SurveyRespondents.class, name = "survey"),
        @JsonSubTypes.Type(value = AudienceCondition.EventParticipants.class, name = "event"),
        @JsonSubTypes.Type(value = AudienceCondition.ActiveSince.class, name = "active_since"),
        @JsonSubTypes.Type(value = AudienceCondition.HasConsent.class, name = "consent"),
        @JsonSubTypes.Type(value = AudienceCondition.EngagementSegment.class, name = "engagement")})
public sealed interface AudienceCondition {

    /** Holds at least one of the tags (several conditions require several tags). */
    record HasTag(List<String> tags) implements AudienceCondition {
    }

    /** The attribute has this value, compared without regard to case. */
    record AttributeEquals(String key, String value) implements AudienceCondition {
    }

    /**
     * Started a response to the survey; with {@code questionId}, answered that question; with {@code answer} as
     * well, answered it so (the answer as reports show it, any case).
     */
    record SurveyRespondents(String surveyId, String questionId, String answer) implements AudienceCondition {
    }

    /** Holds a ticket to the event. */
    record EventParticipants(String eventId) implements AudienceCondition {
    }

    /** Wrote at or after {@code since}. */
    record ActiveSince(Instant since) implements AudienceCondition {
    }

    /** Marketing consent recorded over the API or by import: {@code opted_in} or {@code opted_out}. */
    record HasConsent(String status) implements AudienceCondition {
    }

    /**
     * In this engagement class when the audience is resolved: {@code new}, {@code active}, {@code loyal},
     * {@code at_risk} or {@code lapsed} (see {@link EngagementQueries}).
     */
    record EngagementSegment(String segment) implements AudienceCondition {
    }
}
