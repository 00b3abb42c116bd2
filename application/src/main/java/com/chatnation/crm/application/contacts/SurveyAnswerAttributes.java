package com.chatnation.crm.application.contacts;

import com.chatnation.crm.application.platform.privacy.ContactDirectory;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.contact.ContactFields;
import com.chatnation.crm.domain.contact.ContactProfileId;
import com.chatnation.crm.domain.contact.SetContactAttribute;
import com.chatnation.crm.domain.conversation.SurveyCatalog;
import com.chatnation.crm.domain.survey.Question;
import com.chatnation.crm.domain.survey.QuestionAnswered;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A survey question with {@code saveAs} keeps its answer as the contact's attribute of that key: an answer
 * accepted by the {@code SurveyResponse} → the attribute set on the {@code ContactProfile}. It follows the event
 * log (a tracking processor of its own) rather than running in the answer's transaction: the contact's next
 * question does not wait on it, and the attribute follows within moments. Setting the same value again records
 * nothing, so an event handled twice changes nothing. It starts at the end of the log when first deployed: old
 * answers are not copied. The question is looked up in the survey as currently published.
 */
@Component
@ProcessingGroup(SurveyAnswerAttributes.GROUP)
class SurveyAnswerAttributes {

    static final String GROUP = "survey-answer-attributes";
    private static final Logger log = LoggerFactory.getLogger(SurveyAnswerAttributes.class);

    private final CommandGateway commands;
    private final SurveyCatalog surveys;
    private final ContactDirectory directory;

    private final JdbcTemplate jdbc;

    SurveyAnswerAttributes(CommandGateway commands, SurveyCatalog surveys, ContactDirectory directory,
                           JdbcTemplate jdbc) {
        this.commands = commands;
        this.surveys = surveys;
        this.directory = directory;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(QuestionAnswered event) {
        if (event.value() == null || event.contactId() == null) {
            return; // an erased contact's answer reads back empty
        }
        String key = surveys.survey(event.organizationId(), event.surveyId())
                .flatMap(survey -> survey.questions().stream().filter(q -> q.id().equals(event.questionId())).findFirst())
                .map(Question::saveAs).orElse(null);
        if (key == null || !directory.knows(event.organizationId(), event.contactId())) {
            return;
        }
        String value = event.value().display();
        if (value == null || value.isBlank()) {
            return;
        }
        if (value.length() > ContactFields.MAX_VALUE_LENGTH) {
            value = value.substring(0, ContactFields.MAX_VALUE_LENGTH);
        }
        if (full(event, key)) {
            log.info("Answer to {} of survey {} not kept as attribute '{}': the contact holds {} attributes",
                    event.questionId(), event.surveyId(), key, ContactFields.MAX_ATTRIBUTES);
            return;
        }
        try {
            commands.sendAndWait(new SetContactAttribute(ContactProfileId.of(event.organizationId(), event.contactId()),
                    event.organizationId(), event.contactId(), key, value));
        } catch (DomainRuleViolation refused) {
            // the contact was erased meanwhile: the answer went with them
            log.info("Answer to {} of survey {} not kept as attribute '{}': {}", event.questionId(),
                    event.surveyId(), key, refused.code());
        }
    }

    /**
     * Checked before sending, on the read table: a refused command would spoil the transaction this handler runs
     * in, and the processor would retry the answer for ever.
     */
    private boolean full(QuestionAnswered event, String key) {
        Integer others = jdbc.queryForObject("SELECT count(*) FROM contact_attributes WHERE contact_id = ?::uuid "
                + "AND key <> ?", Integer.class, event.contactId(), key);
        return others != null && others >= ContactFields.MAX_ATTRIBUTES;
    }
}
