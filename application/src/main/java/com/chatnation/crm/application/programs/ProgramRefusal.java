package com.chatnation.crm.application.programs;

import com.chatnation.crm.application.platform.web.RefusedRequest;
import org.springframework.http.HttpStatus;

/**
 * Why a program request was refused: an unknown program or subscriber (404), one the program's state or another
 * program forbids (409), or content this service cannot take (413, 422).
 */
final class ProgramRefusal extends RefusedRequest {

    private ProgramRefusal(HttpStatus status, String code, String message) {
        super(status, code, message);
    }

    static ProgramRefusal notFound(String programId) {
        return new ProgramRefusal(HttpStatus.NOT_FOUND, "not_found", "no program " + programId);
    }

    static ProgramRefusal notFound(String code, String message) {
        return new ProgramRefusal(HttpStatus.NOT_FOUND, code, message);
    }

    static ProgramRefusal conflict(String code, String message) {
        return new ProgramRefusal(HttpStatus.CONFLICT, code, message);
    }

    static ProgramRefusal unprocessable(String code, String message) {
        return new ProgramRefusal(HttpStatus.UNPROCESSABLE_ENTITY, code, message);
    }

    static ProgramRefusal tooLarge(String code, String message) {
        return new ProgramRefusal(HttpStatus.PAYLOAD_TOO_LARGE, code, message);
    }
}
