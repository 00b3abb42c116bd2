package com.chatnation.crm.application.polls;

import com.chatnation.crm.application.platform.web.RefusedRequest;
import org.springframework.http.HttpStatus;

/** Why a poll request was refused: an unknown poll (404), or one the poll's state forbids (409). */
final class PollRefusal extends RefusedRequest {

    private PollRefusal(HttpStatus status, String code, String message) {
        super(status, code, message);
    }

    static PollRefusal notFound(String pollId) {
        return new PollRefusal(HttpStatus.NOT_FOUND, "not_found", "no poll " + pollId);
    }

    static PollRefusal conflict(String code, String message) {
        return new PollRefusal(HttpStatus.CONFLICT, code, message);
    }

    /** An audience the organization does not have. */
    static final class UnknownAudience extends RefusedRequest {
        UnknownAudience(java.util.UUID audienceId) {
            super(HttpStatus.NOT_FOUND, "unknown_audience", "no audience " + audienceId);
        }
    }
}
