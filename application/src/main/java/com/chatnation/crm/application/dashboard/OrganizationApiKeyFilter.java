package com.chatnation.crm.application.dashboard;

import com.chatnation.crm.application.organizations.ApiKeys;
import com.chatnation.crm.application.web.ApiErrors;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dashboards read {@code /api/v1/orgs/{orgId}/…} with their organization's API key ({@code Authorization:
 * Bearer crm_…} or {@code X-Api-Key}). A missing or unknown key is 401; a valid key of another organization
 * is 403, so one organization can never read another's data whatever the URL says.
 */
@Component
public class OrganizationApiKeyFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Api-Key";
    /** The authenticated organization, for controllers that want it. */
    public static final String ORGANIZATION_ATTRIBUTE = OrganizationApiKeyFilter.class.getName() + ".organization";
    private static final Pattern ORG_PATH = Pattern.compile("^/api/v1/orgs/([^/]+)(/.*)?$");

    private final OrganizationDirectory directory;
    private final ObjectMapper json;

    public OrganizationApiKeyFilter(OrganizationDirectory directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/v1/orgs/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher path = ORG_PATH.matcher(request.getRequestURI());
        if (!path.matches()) {
            reject(response, HttpStatus.NOT_FOUND, "no such resource", "not_found");
            return;
        }
        Optional<String> key = presentedKey(request);
        if (key.isEmpty()) {
            reject(response, HttpStatus.UNAUTHORIZED, "missing API key: send Authorization: Bearer <key> or "
                    + HEADER, "unauthorized");
            return;
        }
        Optional<OrganizationRow> organization = directory.byApiKeyHash(ApiKeys.hash(key.get()));
        if (organization.isEmpty()) {
            reject(response, HttpStatus.UNAUTHORIZED, "unknown API key", "unauthorized");
            return;
        }
        if (!organization.get().id().equals(path.group(1))) {
            reject(response, HttpStatus.FORBIDDEN, "this API key belongs to another organization", "forbidden");
            return;
        }
        request.setAttribute(ORGANIZATION_ATTRIBUTE, organization.get());
        chain.doFilter(request, response);
    }

    private static Optional<String> presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = authorization.substring(7).strip();
            return key.isEmpty() ? Optional.empty() : Optional.of(key);
        }
        String header = request.getHeader(HEADER);
        return header == null || header.isBlank() ? Optional.empty() : Optional.of(header.strip());
    }

    private void reject(HttpServletResponse response, HttpStatus status, String detail, String code) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiErrors.problem(status, detail, code));
    }
}
