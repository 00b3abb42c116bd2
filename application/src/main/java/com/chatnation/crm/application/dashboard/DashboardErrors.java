package com.chatnation.crm.application.dashboard;

import com.chatnation.crm.application.platform.web.ApiErrors;
import com.chatnation.crm.projections.queries.InvalidCursorException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A cursor that decodes but does not fit the list it is passed to (another list's cursor, a tampered key) is
 * only found out by the query repository; it is the caller's mistake, so a 400.
 */
@RestControllerAdvice(basePackageClasses = DashboardErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardErrors {

    @ExceptionHandler(InvalidCursorException.class)
    ProblemDetail invalidCursor(InvalidCursorException invalid) {
        return ApiErrors.problem(HttpStatus.BAD_REQUEST, invalid.getMessage(), "invalid_parameter");
    }
}
