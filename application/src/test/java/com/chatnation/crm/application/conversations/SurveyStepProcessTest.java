package com.chatnation.crm.application.conversations;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.conversation.ConversationEffect.AnswerSurvey;
import com.chatnation.crm.domain.conversation.RecordSurveyStep;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.survey.AnswerQuestion;
import com.chatnation.crm.domain.survey.SurveyStep;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;

import static com.chatnation.crm.application.conversations.Fixtures.AGAIN;
import static com.chatnation.crm.application.conversations.Fixtures.CONVERSATION;
import static com.chatnation.crm.application.conversations.Fixtures.ORIGIN;
import static com.chatnation.crm.application.conversations.Fixtures.RATING;
import static com.chatnation.crm.application.conversations.Fixtures.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurveyStepProcessTest {

    private static final AnswerSurvey FIVE = new AnswerSurvey("resp-1", "wamid.2", new MessageContent.Text("five"));

    private final RecordingCommandGateway commands = new RecordingCommandGateway();
    private final SurveyStepProcess process = new SurveyStepProcess(commands);

    @Test
    void anAcceptedAnswerIsRecordedAsTheNextQuestion() {
        commands.answering(AnswerQuestion.class, answer -> ask(AGAIN));

        process.run(FIVE, ORIGIN);

        assertThat(commands.sent()).containsExactly(
                new AnswerQuestion("resp-1", "wamid.2", new MessageContent.Text("five")),
                new RecordSurveyStep(CONVERSATION, "resp-1", ask(AGAIN)));
    }

    @Test
    void aRejectedAnswerIsRecordedAsTheSameQuestionAskedAgainWithTheReason() {
        SurveyStep.Ask again = new SurveyStep.Ask(RATING, "please reply with a number from 1 to 5",
                new OutboundReply.Text("Sorry, please reply with a number from 1 to 5. How would you rate the event?"));
        commands.answering(AnswerQuestion.class, answer -> again);

        process.run(new AnswerSurvey("resp-1", "wamid.2", new MessageContent.Text("seven")), ORIGIN);

        assertThat(commands.the(RecordSurveyStep.class)).isEqualTo(new RecordSurveyStep(CONVERSATION, "resp-1", again));
    }

    @Test
    void theLastAnswerIsRecordedAsTheCompletion() {
        SurveyStep.Completed done = new SurveyStep.Completed("Thank you!", 0.4);
        commands.answering(AnswerQuestion.class, answer -> done);

        process.run(FIVE, ORIGIN);

        assertThat(commands.the(RecordSurveyStep.class)).isEqualTo(new RecordSurveyStep(CONVERSATION, "resp-1", done));
    }

    @Test
    void aResponseItsOwnDeadlineAlreadyEndedIsRecordedAsAbandonedSoTheConversationSaysTheSurveyHasEnded() {
        commands.refusing(AnswerQuestion.class,
                new DomainRuleViolation("survey_response_closed", "survey response 'resp-1' is already abandoned"));

        process.run(FIVE, ORIGIN);

        assertThat(commands.the(RecordSurveyStep.class)).isEqualTo(
                new RecordSurveyStep(CONVERSATION, "resp-1", new SurveyStep.Abandoned("closed", null)));
    }

    @Test
    void anyOtherRefusalFailsTheMessageAndTheConversationIsToldNothing() {
        DomainRuleViolation refused = new DomainRuleViolation("invalid_answer", "something unexpected");
        commands.refusing(AnswerQuestion.class, refused);

        assertThatThrownBy(() -> process.run(FIVE, ORIGIN)).isSameAs(refused);
        assertThat(commands.sent()).noneMatch(RecordSurveyStep.class::isInstance);
    }

    @Test
    void aResponseThatDoesNotExistFailsTheMessage() {
        AggregateNotFoundException missing = new AggregateNotFoundException("resp-1", "no response resp-1");
        commands.refusing(AnswerQuestion.class, missing);

        assertThatThrownBy(() -> process.run(FIVE, ORIGIN)).isSameAs(missing);
        assertThat(commands.sent()).noneMatch(RecordSurveyStep.class::isInstance);
    }
}
