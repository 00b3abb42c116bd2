package com.chatnation.crm.application.billing;

import org.springframework.stereotype.Component;

/**
 * What becomes of a reply whose contact's 24-hour window has closed when the flow named a message template to
 * re-engage with ({@code reengageTemplate} of the reply). Templates are not sent yet, so such a reply expires like
 * any other; sending the template instead is this class's to do.
 */
@Component
class Reengagement {

    /** @return true when the template was sent in the reply's place; false leaves the reply to expire */
    boolean sendTemplateInstead(OutboundReplies.Row reply) {
        return false;
    }
}
