package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A survey's definition over time. Each publish or revision is a new immutable version, because responses
 * in progress must keep answering the questions they were asked.
 */
public class Survey {

    @AggregateIdentifier
    private String surveyId;
    private String organizationId;
    private SurveyDefinition current;
    private boolean archived;

    protected Survey() {
        // required by the event-sourcing repository
    }

    @CommandHandler
    public Survey(PublishSurvey command) {
        SurveyDefinition definition = new SurveyDefinition(command.surveyId(), 1, command.organizationId(),
                command.title(), command.intro(), command.thankYou(), command.questions(), command.keywords());
        apply(new SurveyPublished(definition.surveyId(), definition.organizationId(), 1, definition));
    }

    @CommandHandler
    public int handle(ReviseSurvey command) {
        if (archived) {
            throw new DomainRuleViolation("survey_archived",
                    "survey '" + surveyId + "' is archived and can no longer be revised");
        }
        int next = current.version() + 1;
        SurveyDefinition definition = new SurveyDefinition(surveyId, next, organizationId, command.title(),
                command.intro(), command.thankYou(), command.questions(), command.keywords());
        apply(new SurveyPublished(surveyId, organizationId, next, definition));
        return next;
    }

    @CommandHandler
    public void handle(ArchiveSurvey command) {
        // Archiving twice changes nothing, so a retried request is not an error.
        if (!archived) {
            apply(new SurveyArchived(surveyId, organizationId, current.version()));
        }
    }

    public SurveyDefinition currentDefinition() {
        return current;
    }

    public boolean archived() {
        return archived;
    }

    @EventSourcingHandler
    void on(SurveyPublished event) {
        surveyId = event.surveyId();
        organizationId = event.organizationId();
        current = event.definition();
    }

    @EventSourcingHandler
    void on(SurveyArchived event) {
        archived = true;
    }
}
