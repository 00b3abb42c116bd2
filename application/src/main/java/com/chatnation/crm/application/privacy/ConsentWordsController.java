package com.chatnation.crm.application.privacy;

import com.chatnation.crm.application.platform.web.DashboardRequests;
import com.chatnation.crm.domain.organization.ChangeConsentWords;
import com.chatnation.crm.domain.organization.ConsentWords;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The words with which the organization's contacts stop and resume its marketing messages. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/settings/consent-words")
@Tag(name = "Data protection")
@SecurityRequirement(name = "bearer")
class ConsentWordsController {

    private final CommandGateway commands;
    private final OrganizationDirectory organizations;

    ConsentWordsController(CommandGateway commands, OrganizationDirectory organizations) {
        this.commands = commands;
        this.organizations = organizations;
    }

    record ConsentWordsSetting(List<String> optOut, List<String> optIn) {
    }

    @GetMapping
    @Operation(summary = "The opt-out and opt-in words (English and Swahili unless the organization set its own)")
    ConsentWordsSetting words(@PathVariable String orgId) {
        ConsentWords words = organizations.consentWords(orgId);
        return new ConsentWordsSetting(words.optOut(), words.optIn());
    }

    @PutMapping
    @Operation(summary = "Set the opt-out and opt-in words",
            description = "A message that is just one of the words (any case, spaces and trailing punctuation "
                    + "ignored) opts the contact out of or back into marketing messages and is confirmed. 1 to "
                    + ConsentWords.MAX_WORDS + " words each, up to " + ConsentWords.MAX_WORD_LENGTH
                    + " characters, no word in both lists. Applies to messages within seconds.")
    ConsentWordsSetting change(@PathVariable String orgId, @RequestBody ConsentWordsSetting setting) {
        if (setting == null || setting.optOut() == null || setting.optIn() == null) {
            throw DashboardRequests.badRequest("optOut and optIn: lists of words are required");
        }
        if (setting.optOut().contains(null) || setting.optIn().contains(null)) {
            throw DashboardRequests.badRequest("optOut and optIn: words cannot be null");
        }
        ConsentWords words = new ConsentWords(setting.optOut(), setting.optIn());
        commands.sendAndWait(new ChangeConsentWords(orgId, words));
        return new ConsentWordsSetting(words.optOut(), words.optIn());
    }
}
