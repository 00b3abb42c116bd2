package com.chatnation.crm.application.conversations;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.conversation.ConversationEffect.AbandonSurvey;
import com.chatnation.crm.domain.survey.AbandonSurveyResponse;
import com.chatnation.crm.domain.survey.SurveyStep;
import org.junit.jupiter.api.Test;

import static com.chatnation.crm.application.conversations.Fixtures.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurveyAbandonmentProcessTest {

    private final RecordingCommandGateway commands = new RecordingCommandGateway();
    private final SurveyAbandonmentProcess process = new SurveyAbandonmentProcess(commands);

    @Test
    void theResponseIsAbandonedWithTheReasonAndTheConversationWhichMovedOnIsToldNothing() {
        commands.answering(AbandonSurveyResponse.class, abandon -> new SurveyStep.Abandoned("cancelled", "rating"));

        process.run(new AbandonSurvey("resp-1", "cancelled"), ORIGIN);

        assertThat(commands.sent()).containsExactly(new AbandonSurveyResponse("resp-1", "cancelled"));
    }

    @Test
    void aResponseItsOwnDeadlineAlreadyEndedIsLeftAsItIs() {
        commands.refusing(AbandonSurveyResponse.class,
                new DomainRuleViolation("survey_response_closed", "survey response 'resp-1' is already abandoned"));

        process.run(new AbandonSurvey("resp-1", "inactivity"), ORIGIN);

        assertThat(commands.sent()).containsExactly(new AbandonSurveyResponse("resp-1", "inactivity"));
    }

    @Test
    void anyOtherRefusalFailsTheMessage() {
        DomainRuleViolation refused = new DomainRuleViolation("something_else", "unexpected");
        commands.refusing(AbandonSurveyResponse.class, refused);

        assertThatThrownBy(() -> process.run(new AbandonSurvey("resp-1", "left_for_menu"), ORIGIN)).isSameAs(refused);
    }
}
