package com.chatnation.crm.application.audit;

import com.chatnation.crm.projections.audit.AuditMetaData;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ActorCorrelationTest {

    record PublishSurvey(String surveyId) {
    }

    record SurveyPublished(String surveyId) {
    }

    private static final MetaData ACTOR = MetaData.from(Map.of(
            AuditMetaData.ACTOR_TYPE, AuditMetaData.USER,
            AuditMetaData.ACTOR_ID, "user-1",
            AuditMetaData.ACTOR_ADDRESS, "203.0.113.7",
            AuditMetaData.ORGANIZATION_ID, "org-1",
            "traceId", "trace-1",
            "somethingElse", "x"));

    private final ActorCorrelation correlation = new ActorCorrelation();

    @Test
    void aCommandPassesItsActorOnAndNothingElse() {
        var command = new GenericCommandMessage<>(new PublishSurvey("survey-1")).withMetaData(ACTOR);

        assertThat(correlation.correlationDataFor(command)).isEqualTo(Map.of(
                "actorType", "user", "actorId", "user-1", "actorAddress", "203.0.113.7", "organizationId", "org-1"));
    }

    @Test
    void absentKeysStayAbsent() {
        var command = new GenericCommandMessage<>(new PublishSurvey("survey-1"))
                .withMetaData(Map.of(AuditMetaData.ACTOR_TYPE, AuditMetaData.PLATFORM,
                        AuditMetaData.ACTOR_ID, AuditMetaData.PLATFORM));

        assertThat(correlation.correlationDataFor(command))
                .isEqualTo(Map.of("actorType", "platform", "actorId", "platform"));
        assertThat(correlation.correlationDataFor(new GenericCommandMessage<>(new PublishSurvey("s")))).isEmpty();
    }

    @Test
    void anEventPassesNoActorOnEvenWhenItCarriesOne() {
        var event = new GenericEventMessage<>(new SurveyPublished("survey-1")).withMetaData(ACTOR);
        var domainEvent = new GenericDomainEventMessage<>("Survey", "survey-1", 0, new SurveyPublished("survey-1"),
                ACTOR);

        assertThat(correlation.correlationDataFor(event)).isEmpty();
        assertThat(correlation.correlationDataFor(domainEvent)).isEmpty();
    }

    @Test
    void keepsAxonsCorrelationAndTraceIds() {
        assertThat(correlation.messageOrigin().correlationDataFor(new GenericCommandMessage<>(new PublishSurvey("s"))))
                .containsKeys("correlationId", "traceId");
    }
}
