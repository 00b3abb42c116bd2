package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.support.TestContacts;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.conversation.ConversationEffect.StartSurvey;
import com.chatnation.crm.domain.conversation.RecordSurveyStep;
import com.chatnation.crm.domain.survey.StartSurveyResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.chatnation.crm.application.conversations.Fixtures.CONTACT;
import static com.chatnation.crm.application.conversations.Fixtures.CONVERSATION;
import static com.chatnation.crm.application.conversations.Fixtures.ORGANIZATION;
import static com.chatnation.crm.application.conversations.Fixtures.ORIGIN;
import static com.chatnation.crm.application.conversations.Fixtures.RATING;
import static com.chatnation.crm.application.conversations.Fixtures.SETTINGS;
import static com.chatnation.crm.application.conversations.Fixtures.SURVEY;
import static com.chatnation.crm.application.conversations.Fixtures.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurveyStartProcessTest {

    private final RecordingCommandGateway commands = new RecordingCommandGateway();
    private final SurveyStartProcess process = new SurveyStartProcess(commands, SETTINGS);

    @Test
    void startsAResponseOnTheChosenVersionAndTheConversationRecordsItsFirstQuestion() {
        commands.answering(StartSurveyResponse.class, start -> ask(RATING));

        process.run(new StartSurvey("resp-1", SURVEY, "keyword:feedback"), ORIGIN);

        assertThat(commands.sent()).containsExactly(
                new StartSurveyResponse("resp-1", ORGANIZATION, TestContacts.id(CONTACT), CONTACT, CONVERSATION, SURVEY, "keyword:feedback",
                        Duration.ofHours(24)),
                new RecordSurveyStep(CONVERSATION, "resp-1", ask(RATING)));
    }

    @Test
    void aRefusedStartFailsTheMessageAndTheConversationIsToldNothing() {
        DomainRuleViolation refused = new DomainRuleViolation("survey_not_in_organization", "not yours");
        commands.refusing(StartSurveyResponse.class, refused);

        assertThatThrownBy(() -> process.run(new StartSurvey("resp-1", SURVEY, "menu"), ORIGIN)).isSameAs(refused);
        assertThat(commands.sent()).hasSize(1).allMatch(StartSurveyResponse.class::isInstance);
    }
}
