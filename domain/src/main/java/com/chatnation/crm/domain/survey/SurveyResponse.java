package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.messaging.MessageContent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static com.chatnation.crm.domain.survey.SurveyRules.require;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One contact working through one version of a survey, question by question. Every message gets an event
 * (answered, rejected or skipped), so the response's history is also its transcript. A response that goes
 * quiet for longer than its inactivity timeout is abandoned by a deadline.
 */
public class SurveyResponse {

    public static final String INACTIVITY_DEADLINE = "survey-inactivity";

    private enum Status { IN_PROGRESS, COMPLETED, ABANDONED }

    @AggregateIdentifier
    private String responseId;
    private String organizationId;
    private String contactId;
    private SurveyDefinition definition;
    private Duration inactivityTimeout;
    private Status status;
    /** Null once every question is answered or skipped. */
    private String currentQuestionId;
    private int answeredCount;
    /** When the contact last did something here (started, answered, was rejected, skipped). */
    private Instant lastActivityAt;
    private final List<String> freeTextAnswers = new ArrayList<>();
    /** WhatsApp may deliver a message twice; a redelivered answer must not answer the next question too. */
    private final Set<String> answeredMessageIds = new HashSet<>();

    protected SurveyResponse() {
        // required by the event-sourcing repository, and the instance creation handlers run on
    }

    // A creation policy rather than a constructor, because a constructor handler can only return the id and
    // the caller needs the first question to send.
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public SurveyStep handle(StartSurveyResponse command, DeadlineManager deadlines) {
        require(command.responseId(), "response id");
        require(command.organizationId(), "organization id");
        require(command.contactId(), "contact id");
        require(command.contactPhone(), "contact phone");
        SurveyDefinition survey = command.definition();
        if (survey == null) {
            throw new DomainRuleViolation("missing_definition", "a survey response needs the survey definition to answer");
        }
        if (!survey.organizationId().equals(command.organizationId())) {
            throw new DomainRuleViolation("survey_not_in_organization", "survey '" + survey.surveyId()
                    + "' does not belong to organization '" + command.organizationId() + "'");
        }
        Duration timeout = command.inactivityTimeout();
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new DomainRuleViolation("invalid_timeout",
                    "the inactivity timeout must be a positive duration, was " + timeout);
        }
        apply(new SurveyResponseStarted(command.responseId(), command.organizationId(), survey.surveyId(),
                survey.version(), command.contactId(), command.contactPhone(), command.conversationId(), command.source(), survey, timeout));
        armInactivityDeadline(deadlines);
        Question first = survey.firstQuestion();
        return new SurveyStep.Ask(first, null, QuestionPrompt.introduce(survey.intro(), first));
    }

    @CommandHandler
    public SurveyStep handle(AnswerQuestion command) {
        requireInProgress();
        Question question = definition.question(currentQuestionId);
        if (command.messageId() != null && answeredMessageIds.contains(command.messageId())) {
            return currentStep();
        }
        AnswerVerdict verdict = AnswerValidator.validate(question, command.answer());
        NextQuestion next;
        if (verdict instanceof AnswerVerdict.Rejected rejected) {
            apply(new AnswerRejected(responseId, organizationId, definition.surveyId(), question.id(),
                    rejected.reason(), rawText(command.answer()), contactId));
            return new SurveyStep.Ask(question, rejected.reason(), QuestionPrompt.reask(question, rejected.reason()));
        }
        if (verdict instanceof AnswerVerdict.Accepted accepted) {
            apply(new QuestionAnswered(responseId, organizationId, definition.surveyId(), definition.version(),
                    question.id(), question.type(), accepted.value(), command.messageId(), contactId));
            next = SkipLogic.after(definition, question.id(), accepted.value());
        } else {
            apply(new QuestionSkipped(responseId, organizationId, definition.surveyId(), question.id(),
                    QuestionSkipped.BY_CONTACT));
            next = SkipLogic.after(definition, question.id(), null);
        }
        for (String jumped : next.jumpedOver()) {
            apply(new QuestionSkipped(responseId, organizationId, definition.surveyId(), jumped,
                    QuestionSkipped.BY_SKIP_LOGIC));
        }
        if (next.endsSurvey()) {
            double sentiment = Sentiment.score(freeTextAnswers);
            apply(new SurveyResponseCompleted(responseId, organizationId, definition.surveyId(), definition.version(),
                    contactId, answeredCount, sentiment));
            return new SurveyStep.Completed(definition.thankYou(), sentiment);
        }
        return currentStep();
    }

    @CommandHandler
    public SurveyStep handle(AbandonSurveyResponse command) {
        requireInProgress();
        String reason = command.reason() == null || command.reason().isBlank()
                ? SurveyResponseAbandoned.CANCELLED : command.reason().trim();
        return abandon(reason);
    }

    /**
     * A response keeps one inactivity deadline. Cancelling and rescheduling it on every answer would cost a scan
     * of all scheduled deadlines each time, so it is armed once and, when it fires after newer activity, armed
     * again for the new silence; only a deadline that finds nothing new since it was armed abandons the response.
     * A closed response ignores it.
     */
    @DeadlineHandler(deadlineName = INACTIVITY_DEADLINE)
    void onInactivity(InactivityCheck check, DeadlineManager deadlines) {
        if (status != Status.IN_PROGRESS) {
            return;
        }
        if (check.lastActivityAt().equals(lastActivityAt)) {
            abandon(SurveyResponseAbandoned.INACTIVITY);
        } else {
            armInactivityDeadline(deadlines);
        }
    }

    /** The deadline's payload: the activity it was armed after. */
    public record InactivityCheck(Instant lastActivityAt) {
    }

    public String currentQuestionId() {
        return currentQuestionId;
    }

    public int answeredCount() {
        return answeredCount;
    }

    public boolean inProgress() {
        return status == Status.IN_PROGRESS;
    }

    public boolean completed() {
        return status == Status.COMPLETED;
    }

    public boolean abandoned() {
        return status == Status.ABANDONED;
    }

    private SurveyStep abandon(String reason) {
        String stoppedAt = currentQuestionId;
        apply(new SurveyResponseAbandoned(responseId, organizationId, definition.surveyId(), definition.version(),
                stoppedAt, answeredCount, reason));
        return new SurveyStep.Abandoned(reason, stoppedAt);
    }

    private SurveyStep currentStep() {
        Question question = definition.question(currentQuestionId);
        return new SurveyStep.Ask(question, null, QuestionPrompt.ask(question));
    }

    /**
     * The event store keeps timestamps to the millisecond; an aggregate served from the cache must compare the
     * same value as one loaded from the store, or a deadline would never recognise its own activity.
     */
    private static Instant stored(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    private void armInactivityDeadline(DeadlineManager deadlines) {
        deadlines.schedule(lastActivityAt.plus(inactivityTimeout), INACTIVITY_DEADLINE, new InactivityCheck(lastActivityAt));
    }

    private void requireInProgress() {
        if (status != Status.IN_PROGRESS) {
            throw new DomainRuleViolation("survey_response_closed", "survey response '" + responseId + "' is already "
                    + (status == Status.COMPLETED ? "completed" : "abandoned"));
        }
    }

    private static String rawText(MessageContent content) {
        if (content == null) {
            return "";
        }
        String text = content.readableText();
        return text == null || text.isBlank() ? "[" + content.type() + "]" : text;
    }

    @EventSourcingHandler
    void on(SurveyResponseStarted event, @Timestamp Instant at) {
        lastActivityAt = stored(at);
        responseId = event.responseId();
        organizationId = event.organizationId();
        contactId = event.contactId();
        definition = event.definition();
        inactivityTimeout = event.inactivityTimeout();
        status = Status.IN_PROGRESS;
        currentQuestionId = definition.firstQuestion().id();
    }

    @EventSourcingHandler
    void on(QuestionAnswered event, @Timestamp Instant at) {
        lastActivityAt = stored(at);
        answeredCount++;
        if (event.messageId() != null) {
            answeredMessageIds.add(event.messageId());
        }
        if (event.questionType() == QuestionType.FREE_TEXT && event.value() != null && event.value().text() != null) {
            freeTextAnswers.add(event.value().text());
        }
        movePast(event.questionId());
    }

    @EventSourcingHandler
    void on(AnswerRejected event, @Timestamp Instant at) {
        lastActivityAt = stored(at);
    }

    @EventSourcingHandler
    void on(QuestionSkipped event, @Timestamp Instant at) {
        lastActivityAt = stored(at);
        movePast(event.questionId());
    }

    @EventSourcingHandler
    void on(SurveyResponseCompleted event) {
        status = Status.COMPLETED;
    }

    @EventSourcingHandler
    void on(SurveyResponseAbandoned event) {
        status = Status.ABANDONED;
    }

    /** Skip rules only jump forward and every jumped question gets an event, so "after the last one handled" is where the response stands. */
    private void movePast(String questionId) {
        Question next = definition.questionAfter(questionId);
        currentQuestionId = next == null ? null : next.id();
    }
}
