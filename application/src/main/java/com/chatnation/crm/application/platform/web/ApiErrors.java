package com.chatnation.crm.application.platform.web;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.WebRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every refusal as an RFC 9457 problem: a precise status, a human {@code detail} and, for business rules,
 * the rule's stable {@code code}. Framework errors (malformed JSON, validation, unknown routes) come from
 * the base class in the same format.
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (unreadable.getMostSpecificCause() instanceof DomainRuleViolation violation) {
            return ResponseEntity.unprocessableEntity().body(ruleViolated(violation));
        }
        if (unreadable.getMostSpecificCause() instanceof InvalidNullException nullElement) {
            // a null where the request needs a value, e.g. "questions":[null]: the field is named, like validation does
            return ResponseEntity.badRequest().body(invalidField(path(nullElement.getPath()), "must not be null"));
        }
        if (unreadable.getMostSpecificCause() instanceof InvalidFormatException invalid
                && invalid.getTargetType() == String.class) {
            // text that can never be stored (a NUL, an unpaired surrogate), refused while reading the body
            return ResponseEntity.badRequest().body(invalidField(path(invalid.getPath()),
                    "must not hold a NUL character or an unpaired UTF-16 surrogate"));
        }
        String detail = unreadable.getMostSpecificCause() instanceof JsonProcessingException json
                ? "request body is not valid JSON for this endpoint: " + json.getOriginalMessage()
                : "request body is missing or unreadable";
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, detail, "malformed_request"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = invalid.getBindingResult().getFieldErrors().stream()
                .sorted(Comparator.comparing(FieldError::getField))
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        String detail = "invalid request: " + errors.stream()
                .map(error -> error.get("field") + " " + error.get("message"))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, detail, "invalid_request");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(DomainRuleViolation.class)
    ProblemDetail ruleViolated(DomainRuleViolation violation) {
        // an aggregate refusing a caller of another organization answers as if the thing did not exist
        HttpStatus status = "insufficient_tokens".equals(violation.code()) ? HttpStatus.PAYMENT_REQUIRED
                : "not_found".equals(violation.code()) ? HttpStatus.NOT_FOUND : HttpStatus.UNPROCESSABLE_ENTITY;
        return problem(status, violation.getMessage(), violation.code());
    }

    @ExceptionHandler(RefusedRequest.class)
    ProblemDetail refused(RefusedRequest refusal) {
        ProblemDetail problem = problem(refusal.status(), refusal.getMessage(), refusal.code());
        refusal.details().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException missing) {
        return problem(HttpStatus.NOT_FOUND, "no such " + describe(String.valueOf(missing.getAggregateIdentifier())), "not_found");
    }


    @ExceptionHandler({DuplicateKeyException.class, AggregateStreamCreationException.class})
    ProblemDetail duplicate(RuntimeException duplicate) {
        log.info("refused a duplicate: {}", duplicate.getMessage());
        return problem(HttpStatus.CONFLICT, "this already exists (a unique value is taken)", "conflict");
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail commandFailed(CommandExecutionException failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof DomainRuleViolation violation) {
            return ruleViolated(violation);
        }
        log.error("command failed", failure);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "the command could not be completed", "internal_error");
    }

    private static ProblemDetail invalidField(String field, String message) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid request: " + field + " " + message,
                "invalid_request");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }

    /** A JSON path as validation names fields: {@code questions[0].options[2]}. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String describe(String aggregateIdentifier) {
        return aggregateIdentifier.startsWith("wallet-")
                ? "organization " + aggregateIdentifier.substring("wallet-".length())
                : "aggregate " + aggregateIdentifier;
    }

    public static ProblemDetail problem(HttpStatus status, String detail, String code) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:chatnation-crm:problem:" + code));
        problem.setProperty("code", code);
        return problem;
    }
}
