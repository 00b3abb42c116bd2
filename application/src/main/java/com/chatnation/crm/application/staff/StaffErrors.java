package com.chatnation.crm.application.staff;

import com.chatnation.crm.application.platform.web.ApiErrors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refused logins are 401 with a stable code; a throttled one is 429 with {@code Retry-After}. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class StaffErrors {

    @ExceptionHandler(SessionRefused.class)
    ResponseEntity<ProblemDetail> refused(SessionRefused refused) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .body(ApiErrors.problem(HttpStatus.UNAUTHORIZED, refused.getMessage(), refused.code()));
    }

    @ExceptionHandler(TooManyAttempts.class)
    ResponseEntity<ProblemDetail> throttled(TooManyAttempts throttled) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, throttled.waitFor().toSeconds())))
                .body(ApiErrors.problem(HttpStatus.TOO_MANY_REQUESTS, throttled.getMessage(), "too_many_attempts"));
    }
}
