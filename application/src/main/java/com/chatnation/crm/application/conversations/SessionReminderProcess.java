package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.agenda.SessionReminders;
import com.chatnation.crm.domain.conversation.ConversationEffect;
import org.springframework.stereotype.Component;

/**
 * "Remind me" on a session of an event's agenda: the contact's {@code SessionReminder} of it is scheduled (or found
 * scheduled already), in the message's transaction.
 */
@Component
class SessionReminderProcess implements ConversationProcess<ConversationEffect.RemindOfSession> {

    private final SessionReminders reminders;

    SessionReminderProcess(SessionReminders reminders) {
        this.reminders = reminders;
    }

    @Override
    public Class<ConversationEffect.RemindOfSession> effect() {
        return ConversationEffect.RemindOfSession.class;
    }

    @Override
    public void run(ConversationEffect.RemindOfSession remind, EffectOrigin origin) {
        reminders.remind(origin.organizationId(), remind.eventId(), remind.sessionId(), origin.contactId(),
                origin.conversationId(), remind.startsAt(), origin.at());
    }
}
