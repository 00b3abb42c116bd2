package com.chatnation.crm.application.platform.pages;

import com.chatnation.crm.application.platform.web.RefusedRequest;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors of pages answer with the error page in the layout rather than the API's JSON problem; it runs before the
 * API's advice, for page controllers only. A refusal the domain explains is shown with its reason.
 */
@ControllerAdvice(annotations = DashboardPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView status(ResponseStatusException failure, HttpServletResponse response) {
        return page(HttpStatus.valueOf(failure.getStatusCode().value()), failure.getReason(), response);
    }

    @ExceptionHandler(RefusedRequest.class)
    ModelAndView refused(RefusedRequest refused, HttpServletResponse response) {
        return page(refused.status(), refused.getMessage(), response);
    }

    @ExceptionHandler(DomainRuleViolation.class)
    ModelAndView refused(DomainRuleViolation violation, HttpServletResponse response) {
        HttpStatus status = "not_found".equals(violation.code()) ? HttpStatus.NOT_FOUND : HttpStatus.UNPROCESSABLE_ENTITY;
        return page(status, violation.getMessage(), response);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception failure, HttpServletResponse response) {
        log.error("page failed", failure);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, null, response);
    }

    private static ModelAndView page(HttpStatus status, String detail, HttpServletResponse response) {
        response.setStatus(status.value());
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("detail", detail);
        return page;
    }
}
