package com.chatnation.crm.application.inbox;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.organization.BusinessHours;
import com.chatnation.crm.domain.organization.ChangeHandoverSettings;
import com.chatnation.crm.domain.organization.HandoverSettings;
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

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.chatnation.crm.application.platform.web.DashboardRequests.badRequest;

/** How the organization's contacts reach its team: handover words, business hours, when the bot gives up. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/settings/handover")
@Tag(name = "Inbox")
@SecurityRequirement(name = "bearer")
class HandoverSettingsController {

    private final CommandGateway commands;
    private final OrganizationDirectory organizations;

    HandoverSettingsController(CommandGateway commands, OrganizationDirectory organizations) {
        this.commands = commands;
        this.organizations = organizations;
    }

    record Hours(String timeZone, List<String> days, String opensAt, String closesAt, String outOfHoursReply) {
    }

    record HandoverSetting(List<String> words, Hours businessHours, Integer notUnderstoodLimit) {
    }

    @GetMapping
    @Operation(summary = "The handover words, business hours and the bot's limit of misunderstandings")
    HandoverSetting settings(@PathVariable String orgId) {
        return view(organizations.handoverSettings(orgId));
    }

    @PutMapping
    @Operation(summary = "Set the handover words, business hours and the bot's limit of misunderstandings",
            description = "words: a message that is just one of them (any case, spaces and trailing punctuation "
                    + "ignored; 0 to " + HandoverSettings.MAX_WORDS + " words of up to " + HandoverSettings.MAX_WORD_LENGTH
                    + " characters) hands the conversation to the team, confirmed with \"A member of our team will "
                    + "reply here shortly.\" (the organization's consent words are read first). businessHours (null: "
                    + "always open): timeZone (IANA, e.g. Africa/Nairobi), days (MONDAY … SUNDAY), opensAt and "
                    + "closesAt (HH:mm, the same day), outOfHoursReply: said instead of the confirmation outside "
                    + "them (the handover still happens). notUnderstoodLimit: after that many messages in a row the "
                    + "bot did not understand it hands over itself (0: never; default 3). Applies to messages within "
                    + "seconds. Invalid values are a 422 invalid_handover_settings or invalid_business_hours.")
    HandoverSetting change(@PathVariable String orgId, @RequestBody HandoverSetting setting) {
        if (setting == null || setting.words() == null) {
            throw badRequest("words: a list of words is required (empty: contacts cannot ask for a person)");
        }
        if (setting.words().contains(null)) {
            throw badRequest("words cannot be null");
        }
        Hours hours = setting.businessHours();
        BusinessHours businessHours = hours == null ? null : new BusinessHours(hours.timeZone(), days(hours.days()),
                hours.opensAt(), hours.closesAt(), hours.outOfHoursReply());
        HandoverSettings settings = new HandoverSettings(setting.words(), businessHours,
                setting.notUnderstoodLimit());
        commands.sendAndWait(new ChangeHandoverSettings(orgId, settings));
        return view(settings);
    }

    private static List<DayOfWeek> days(List<String> names) {
        if (names == null) {
            return null;
        }
        List<DayOfWeek> days = new ArrayList<>();
        for (String name : names) {
            try {
                days.add(name == null ? null : DayOfWeek.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                throw new DomainRuleViolation("invalid_business_hours", "days are MONDAY to SUNDAY, was '" + name + "'");
            }
        }
        return days;
    }

    private static HandoverSetting view(HandoverSettings settings) {
        BusinessHours hours = settings.businessHours();
        return new HandoverSetting(settings.words(), hours == null ? null : new Hours(hours.timeZone(),
                hours.days().stream().map(DayOfWeek::name).toList(), hours.opensAt(), hours.closesAt(),
                hours.outOfHoursReply()), settings.notUnderstoodLimit());
    }
}
