package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.knowledge.KnowledgeSearch;
import com.chatnation.crm.domain.conversation.ConversationEffect;
import com.chatnation.crm.domain.conversation.RecordKnowledgeAnswer;
import com.chatnation.crm.domain.knowledge.KnowledgeAnswer;
import com.chatnation.crm.domain.knowledge.LogKnowledgeQuery;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * A question the bot did not understand → the organization's knowledge bases are searched → the question and its
 * answer are logged in a {@code KnowledgeQuery} (where the contact's rating will go) → the conversation replies with
 * the answer. In the message's transaction like every process, so a retried message logs and answers once.
 */
@Component
class KnowledgeAnswerProcess implements ConversationProcess<ConversationEffect.AskKnowledgeBase> {

    private final CommandGateway commands;
    private final KnowledgeSearch search;

    KnowledgeAnswerProcess(CommandGateway commands, KnowledgeSearch search) {
        this.commands = commands;
        this.search = search;
    }

    @Override
    public Class<ConversationEffect.AskKnowledgeBase> effect() {
        return ConversationEffect.AskKnowledgeBase.class;
    }

    @Override
    public void run(ConversationEffect.AskKnowledgeBase ask, EffectOrigin origin) {
        KnowledgeAnswer answer = search.answer(origin.organizationId(), ask.question());
        commands.sendAndWait(new LogKnowledgeQuery(ask.queryId(), origin.organizationId(), origin.conversationId(),
                origin.contactId(), ask.question(), answer, origin.at()));
        commands.sendAndWait(new RecordKnowledgeAnswer(origin.conversationId(), ask.queryId(), answer, origin.at()));
    }
}
