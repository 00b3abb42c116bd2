package com.chatnation.crm.application.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** Lets a request into {@code /admin/**} only with the admin key in {@code X-Admin-Key}. */
@Component
public class AdminAuthenticationFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Admin-Key";

    private final AdminApiKey adminKey;
    private final ObjectMapper json;

    public AdminAuthenticationFilter(AdminApiKey adminKey, ObjectMapper json) {
        this.adminKey = adminKey;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/admin/") && !request.getRequestURI().equals("/admin");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        if (presented == null || presented.isBlank()) {
            reject(response, "missing " + HEADER + " header");
            return;
        }
        if (!adminKey.matches(presented)) {
            reject(response, "the " + HEADER + " header does not hold the admin key");
            return;
        }
        chain.doFilter(request, response);
    }

    private void reject(HttpServletResponse response, String detail) throws IOException {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiErrors.problem(HttpStatus.UNAUTHORIZED, detail, "unauthorized"));
    }
}
