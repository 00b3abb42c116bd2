package com.chatnation.crm.application.inbox;

import com.chatnation.crm.application.platform.web.RefusedRequest;
import org.springframework.http.HttpStatus;

/** An inbox request refused with its own status and stable code. */
class InboxRefusal extends RefusedRequest {

    InboxRefusal(HttpStatus status, String code, String message) {
        super(status, code, message);
    }

    static InboxRefusal noSuchConversation(String sessionId) {
        return new InboxRefusal(HttpStatus.NOT_FOUND, "not_found", "no conversation " + sessionId
                + " in this organization");
    }

    /** Only a person answers, assigns or takes over: an API key has no one behind it to hold a conversation. */
    static InboxRefusal agentRequired() {
        return new InboxRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "agent_required",
                "only a logged-in staff member acts as an agent; an API key cannot");
    }

    static InboxRefusal invalid(String message) {
        return new InboxRefusal(HttpStatus.BAD_REQUEST, "invalid_request", message);
    }
}
