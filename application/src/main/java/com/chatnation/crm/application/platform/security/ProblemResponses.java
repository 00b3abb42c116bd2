package com.chatnation.crm.application.platform.security;

import com.chatnation.crm.application.platform.web.ApiErrors;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;

/**
 * Security refusals in the same RFC 9457 shape as every other error: 401 with {@code WWW-Authenticate} when the
 * caller is not known, 403 when it is known but may not act (the reason, such as another organization or a
 * suspended one, comes from {@link TenantAccess}), and 404 for a path the firewall will not route at all
 * ({@code ;params}, {@code //}, {@code /./}, encoded slashes): such a path names no resource.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    static final String DENIAL_DETAIL = ProblemResponses.class.getName() + ".detail";
    static final String DENIAL_CODE = ProblemResponses.class.getName() + ".code";

    private final ObjectMapper json;

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        String detail = failure.getMessage() == null || failure.getMessage().startsWith("Full authentication")
                ? "authentication required: send a staff access token (Authorization: Bearer …), an API key "
                + "(X-Api-Key) or the platform key (" + PlatformKey.HEADER + ")"
                : failure.getMessage();
        write(response, ApiErrors.problem(HttpStatus.UNAUTHORIZED, detail, "unauthorized"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Object detail = request.getAttribute(DENIAL_DETAIL);
        Object code = request.getAttribute(DENIAL_CODE);
        write(response, ApiErrors.problem(HttpStatus.FORBIDDEN,
                detail == null ? "your credentials do not allow this operation" : detail.toString(),
                code == null ? "forbidden" : code.toString()));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        write(response, ApiErrors.problem(HttpStatus.NOT_FOUND,
                "no such resource: the request path is not in canonical form", "not_found"));
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
