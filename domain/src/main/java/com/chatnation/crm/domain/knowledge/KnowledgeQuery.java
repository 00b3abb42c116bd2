package com.chatnation.crm.domain.knowledge;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.Objects;

import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One question a contact put to the knowledge base, its answer and the contact's rating of it. A stream of its own
 * rather than part of the conversation: the rating arrives as a tap on a message the contact may answer much later,
 * and only that contact may rate it.
 */
public class KnowledgeQuery {

    @AggregateIdentifier
    private String queryId;
    private String organizationId;
    private String contactId;
    private Boolean helpful;

    protected KnowledgeQuery() {
        // required by the event-sourcing repository, and the creation policy below
    }

    /** Logging the same query again (a retried message) changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(LogKnowledgeQuery command) {
        if (queryId != null) {
            return;
        }
        requireText(command.queryId(), "query id");
        requireText(command.organizationId(), "organization id");
        requireText(command.contactId(), "contact id");
        KnowledgeAnswer answer = Objects.requireNonNull(command.answer(), "the answer is required");
        apply(new KnowledgeQueryAnswered(command.queryId(), command.organizationId(), command.conversationId(),
                command.contactId(), command.question(), answer.kind().name().toLowerCase(java.util.Locale.ROOT),
                answer.knowledgeBaseId(), answer.sourceId(), answer.sourceTitle(), answer.text(), answer.matches(),
                answer.latencyMillis(), command.askedAt()));
    }

    /** Only the contact who asked may rate; rating again with the other verdict replaces the first. */
    @CommandHandler
    public void handle(RateKnowledgeAnswer command) {
        if (!Objects.equals(organizationId, command.organizationId())
                || !Objects.equals(contactId, command.contactId())) {
            throw new DomainRuleViolation("not_found", "no question " + command.queryId() + " of this contact");
        }
        if (helpful == null || helpful != command.helpful()) {
            apply(new KnowledgeAnswerRated(queryId, organizationId, contactId, command.helpful(), command.at()));
        }
    }

    @EventSourcingHandler
    void on(KnowledgeQueryAnswered event) {
        queryId = event.queryId();
        organizationId = event.organizationId();
        contactId = event.contactId();
    }

    @EventSourcingHandler
    void on(KnowledgeAnswerRated event) {
        helpful = event.helpful();
    }
}
