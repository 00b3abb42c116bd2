package com.chatnation.crm.application.contacts;

import com.chatnation.crm.domain.contact.ConsentStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static com.chatnation.crm.application.platform.web.DashboardRequests.badRequest;

/**
 * Tags, custom attributes and marketing consent of one contact. Writes answer 204 once the profile recorded the
 * change; {@code GET …/contacts/{contactId}} shows them as soon as the read tables caught up (milliseconds).
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/contacts/{contactId}")
@Tag(name = "Contacts: tags, attributes, consent")
@SecurityRequirement(name = "bearer")
class ContactProfileController {

    /** A consent given elsewhere may be dated a little ahead by a client's clock, never further. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final ContactProfiles profiles;
    private final Clock clock = Clock.systemUTC();

    ContactProfileController(ContactProfiles profiles) {
        this.profiles = profiles;
    }

    record AttributeValue(String value) {
    }

    /** @param recordedAt when the contact gave or withdrew consent; now when absent */
    record ConsentRequest(@NotNull String status, Instant recordedAt) {
    }

    @PutMapping("/tags/{tag}")
    @Operation(summary = "Tag a contact", description = "Tags are 1 to 64 letters, digits, '-' or '_', stored in "
            + "lowercase; a tag the contact already has changes nothing. 422 invalid_tag otherwise.")
    ResponseEntity<Void> tag(@PathVariable String orgId, @PathVariable String contactId, @PathVariable String tag) {
        profiles.tag(orgId, contactId, tag);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/tags/{tag}")
    @Operation(summary = "Remove a tag from a contact (absent: nothing changes)")
    ResponseEntity<Void> untag(@PathVariable String orgId, @PathVariable String contactId, @PathVariable String tag) {
        profiles.untag(orgId, contactId, tag);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/attributes/{key}")
    @Operation(summary = "Set a custom attribute", description = "Keys are 1 to 64 lowercase letters, digits or "
            + "'_'; values 1 to 1,000 characters (the contact's personal data: sealed, erased with the contact). "
            + "Body {\"value\": \"Nairobi\"}.")
    ResponseEntity<Void> setAttribute(@PathVariable String orgId, @PathVariable String contactId,
                                      @PathVariable String key, @RequestBody AttributeValue body) {
        profiles.setAttribute(orgId, contactId, key, body == null ? null : body.value());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/attributes/{key}")
    @Operation(summary = "Remove a custom attribute (absent: nothing changes)")
    ResponseEntity<Void> removeAttribute(@PathVariable String orgId, @PathVariable String contactId,
                                         @PathVariable String key) {
        profiles.removeAttribute(orgId, contactId, key);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/consent")
    @Operation(summary = "Record marketing consent", description = "{\"status\": \"opted_in\" | \"opted_out\", "
            + "\"recordedAt\": optional ISO-8601 time the contact gave it}; recorded with source api.")
    ResponseEntity<Void> consent(@PathVariable String orgId, @PathVariable String contactId,
                                 @Valid @RequestBody ConsentRequest body) {
        Instant now = clock.instant();
        Instant at = body.recordedAt() == null ? now : body.recordedAt();
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            throw badRequest("recordedAt is in the future");
        }
        ConsentStatus status = ConsentValues.parse(body.status())
                .orElseThrow(() -> badRequest("status must be opted_in or opted_out"));
        profiles.recordConsent(orgId, contactId, status, at);
        return ResponseEntity.noContent().build();
    }
}
