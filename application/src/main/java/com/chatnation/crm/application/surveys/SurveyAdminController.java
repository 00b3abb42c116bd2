package com.chatnation.crm.application.surveys;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import com.chatnation.crm.application.platform.web.KnownOrganizations;
import com.chatnation.crm.domain.survey.ArchiveSurvey;
import com.chatnation.crm.domain.survey.PublishSurvey;
import com.chatnation.crm.domain.survey.ReviseSurvey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.UUID;

@RestController
@SecurityRequirement(name = "bearer")
@RequestMapping("/api/v1/orgs/{orgId}/surveys")
@Tag(name = "Surveys")
class SurveyAdminController {

    private final CommandGateway commands;
    private final JdbcSurveyCatalog catalog;
    private final KnownOrganizations organizations;

    public SurveyAdminController(CommandGateway commands, JdbcSurveyCatalog catalog, KnownOrganizations organizations) {
        this.commands = commands;
        this.catalog = catalog;
        this.organizations = organizations;
    }

    public record Published(String surveyId, int version) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Publish a survey (version 1); its keywords start it from WhatsApp")
    public Published publish(@PathVariable("orgId") String organizationId, @Valid @RequestBody SurveyRequest survey) {
        organizations.require(organizationId);
        requireFreeKeywords(organizationId, survey, null);
        String surveyId = UUID.randomUUID().toString();
        commands.sendAndWait(new PublishSurvey(surveyId, organizationId, survey.title(), survey.intro(),
                survey.thankYou(), survey.questions(), survey.normalizedKeywords()));
        return new Published(surveyId, 1);
    }

    @PutMapping("/{surveyId}")
    @Operation(summary = "Publish a new version; responses already under way keep the version they started on")
    public Published revise(@PathVariable("orgId") String organizationId, @PathVariable String surveyId,
                            @Valid @RequestBody SurveyRequest survey) {
        requireSurvey(organizationId, surveyId);
        requireFreeKeywords(organizationId, survey, surveyId);
        int version = commands.sendAndWait(new ReviseSurvey(surveyId, survey.title(), survey.intro(), survey.thankYou(),
                survey.questions(), survey.normalizedKeywords()));
        return new Published(surveyId, version);
    }

    @DeleteMapping("/{surveyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Archive a survey: its keywords stop working; recorded responses stay")
    public void archive(@PathVariable("orgId") String organizationId, @PathVariable String surveyId) {
        requireSurvey(organizationId, surveyId);
        commands.sendAndWait(new ArchiveSurvey(surveyId));
    }


    private void requireSurvey(String organizationId, String surveyId) {
        organizations.require(organizationId);
        if (catalog.survey(organizationId, surveyId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no open survey " + surveyId);
        }
    }

    private void requireFreeKeywords(String organizationId, SurveyRequest survey, String surveyId) {
        List<String> taken = catalog.keywordsTaken(organizationId, survey.normalizedKeywords(), surveyId);
        if (!taken.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "keywords already start another survey: " + String.join(", ", taken));
        }
    }
}
