package com.chatnation.crm.application.conversations;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.conversation.ConversationEffect;
import com.chatnation.crm.domain.knowledge.RateKnowledgeAnswer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * The contact tapped "Helpful" or "Not helpful" under an answer: recorded on the question they asked. A tap naming a
 * question that is not theirs (or none) is thanked for like any other and recorded nowhere.
 */
@Component
class AnswerRatingProcess implements ConversationProcess<ConversationEffect.RateAnswer> {

    private final CommandGateway commands;

    AnswerRatingProcess(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public Class<ConversationEffect.RateAnswer> effect() {
        return ConversationEffect.RateAnswer.class;
    }

    @Override
    public void run(ConversationEffect.RateAnswer rating, EffectOrigin origin) {
        try {
            commands.sendAndWait(new RateKnowledgeAnswer(rating.queryId(), origin.organizationId(), origin.contactId(),
                    rating.helpful(), origin.at()));
        } catch (AggregateNotFoundException | DomainRuleViolation notTheirs) {
            // nothing to rate: the reply already thanked them, and a made-up id must not fail their message
        }
    }
}
