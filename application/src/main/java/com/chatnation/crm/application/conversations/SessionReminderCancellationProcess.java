package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.agenda.SessionReminders;
import com.chatnation.crm.domain.conversation.ConversationEffect;
import org.springframework.stereotype.Component;

/** "Cancel reminder" on a session: the contact's pending reminder of it is cancelled, in the message's transaction. */
@Component
class SessionReminderCancellationProcess implements ConversationProcess<ConversationEffect.CancelSessionReminder> {

    private final SessionReminders reminders;

    SessionReminderCancellationProcess(SessionReminders reminders) {
        this.reminders = reminders;
    }

    @Override
    public Class<ConversationEffect.CancelSessionReminder> effect() {
        return ConversationEffect.CancelSessionReminder.class;
    }

    @Override
    public void run(ConversationEffect.CancelSessionReminder cancel, EffectOrigin origin) {
        reminders.cancel(origin.organizationId(), cancel.sessionId(), origin.contactId(), origin.at());
    }
}
