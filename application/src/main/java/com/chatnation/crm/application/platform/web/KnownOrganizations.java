package com.chatnation.crm.application.platform.web;

import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** Turns an organization id from a URL into its directory row, or a 404. */
@Component
public class KnownOrganizations {

    private final OrganizationDirectory directory;

    public KnownOrganizations(OrganizationDirectory directory) {
        this.directory = directory;
    }

    public OrganizationRow require(String organizationId) {
        return directory.byId(organizationId).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no organization " + organizationId));
    }
}
