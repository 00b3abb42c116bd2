package com.chatnation.crm.application.conversations;

import com.chatnation.crm.domain.conversation.ConversationEffect;
import com.chatnation.crm.domain.exhibitor.AddLeadNote;
import com.chatnation.crm.domain.exhibitor.Lead;
import com.chatnation.crm.domain.exhibitor.RecordLeadInterest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * What a visitor added to their lead after sharing their contact: the product that interests them, or a note; kept on
 * the {@code Lead} in the message's transaction. The conversation only asks for them after a yes, so the lead is
 * there.
 */
@Component
class LeadDetailProcess implements ConversationProcess<ConversationEffect.AddLeadDetail> {

    private final CommandGateway commands;

    LeadDetailProcess(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public Class<ConversationEffect.AddLeadDetail> effect() {
        return ConversationEffect.AddLeadDetail.class;
    }

    @Override
    public void run(ConversationEffect.AddLeadDetail detail, EffectOrigin origin) {
        String leadId = Lead.idOf(detail.exhibitorId(), origin.contactId());
        if (detail.productId() != null) {
            commands.sendAndWait(new RecordLeadInterest(leadId, origin.organizationId(), detail.productId(),
                    detail.productName(), origin.at()));
        }
        if (detail.note() != null) {
            commands.sendAndWait(new AddLeadNote(leadId, origin.organizationId(), detail.note(), origin.at()));
        }
    }
}
