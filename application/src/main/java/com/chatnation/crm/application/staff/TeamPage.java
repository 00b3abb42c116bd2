package com.chatnation.crm.application.staff;

import com.chatnation.crm.application.platform.pages.CsvDownload;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.pages.Refusal;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.security.Permission;
import com.chatnation.crm.domain.staff.ApiKeyScope;
import com.chatnation.crm.domain.staff.StaffRole;
import com.chatnation.crm.projections.staff.ApiKeyRow;
import com.chatnation.crm.projections.staff.StaffMemberRow;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The team and its API keys. Owners and admins see the members; owners invite (the page shows the invitation link
 * to hand over, once), change roles, deactivate, send a fresh invitation, and issue, rotate and revoke keys (a key's
 * value is shown once). Every change goes through {@link TeamManagement}, as the API's, so the team's rules (never
 * without an owner, one account per e-mail or phone) refuse here too, next to the form concerned.
 */
@DashboardPage
class TeamPage {

    private static final List<String> ROLES = Arrays.stream(StaffRole.values()).map(StaffRole::wireName).toList();
    private static final List<String> SCOPES = Arrays.stream(ApiKeyScope.values()).map(ApiKeyScope::wireName).toList();

    /** A member as the page lists them. */
    record MemberView(String id, String name, String email, String phone, String status, List<String> roles,
                      Instant invitedAt, Instant joinedAt, boolean you) {

        static MemberView of(StaffMemberRow row, String caller) {
            return new MemberView(row.id(), row.displayName(), row.email(), row.phone(), row.status(),
                    row.roles().stream().map(StaffRole::wireName).sorted().toList(), row.invitedAt(), row.joinedAt(),
                    row.id().equals(caller));
        }

        public boolean invited() {
            return StaffMemberRow.INVITED.equals(status);
        }

        public boolean deactivated() {
            return StaffMemberRow.DEACTIVATED.equals(status);
        }
    }

    record KeyView(String id, String name, List<String> scopes, Instant createdAt, Instant rotatedAt,
                   Instant revokedAt, Instant lastUsedAt) {

        static KeyView of(ApiKeyRow row) {
            return new KeyView(row.id(), row.name(), row.scopes().stream().map(ApiKeyScope::wireName).sorted().toList(),
                    row.createdAt(), row.rotatedAt(), row.revokedAt(), row.lastUsedAt());
        }

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /**
     * What is shown once and never again: an invitation link ({@code kind} invitation) or an API key's value
     * ({@code key}); {@code subject} names whom or what it is for.
     */
    record Secret(String kind, String subject, String value, Instant expiresAt) {
    }

    private static final CsvDownload<MemberView> MEMBERS = CsvDownload.of(
            List.of("user_id", "name", "email", "phone", "status", "roles", "invited_at", "joined_at"),
            List.<Function<MemberView, Object>>of(MemberView::id, MemberView::name, MemberView::email,
                    MemberView::phone, MemberView::status, member -> String.join(" ", member.roles()),
                    MemberView::invitedAt, MemberView::joinedAt));

    private static final CsvDownload<KeyView> KEYS = CsvDownload.of(
            List.of("key_id", "name", "scopes", "created_at", "rotated_at", "revoked_at", "last_used_at"),
            List.<Function<KeyView, Object>>of(KeyView::id, KeyView::name, key -> String.join(" ", key.scopes()),
                    KeyView::createdAt, KeyView::rotatedAt, KeyView::revokedAt, KeyView::lastUsedAt));

    private final TeamManagement team;

    TeamPage(TeamManagement team) {
        this.team = team;
    }

    @GetMapping("/app/team")
    String team(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String format,
                @RequestParam(required = false) String table, Model model, HttpServletResponse response) {
        if ("csv".equals(format)) {
            if ("keys".equals(table)) {
                if (!caller.may(Permission.TEAM_MANAGE)) {
                    throw new ResponseStatusException(HttpStatus.FORBIDDEN);
                }
                KEYS.write(response, "api-keys.csv", keys(caller));
            } else {
                MEMBERS.write(response, "team.csv", members(caller));
            }
            return null;
        }
        return page(caller, model);
    }

    @PostMapping("/app/team/invitations")
    String invite(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String email,
                  @RequestParam(required = false) String phone, @RequestParam(required = false) String displayName,
                  @RequestParam(name = "roles", required = false) List<String> roles,
                  @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                  HttpServletResponse response) {
        String givenEmail = blankToNull(email);
        String givenPhone = blankToNull(phone);
        String givenName = blankToNull(displayName);
        List<String> givenRoles = roles == null ? List.of() : roles;
        model.addAttribute("inviteEmail", givenEmail);
        model.addAttribute("invitePhone", givenPhone);
        model.addAttribute("inviteName", givenName);
        model.addAttribute("inviteRoles", givenRoles);
        Refusal tooLong = givenEmail != null && givenEmail.length() > 254 || givenPhone != null && givenPhone.length() > 32
                || givenName != null && givenName.length() > 200 ? Refusal.of("invite", "too_long") : null;
        return answer(caller, "invite", htmx != null, model, response, tooLong, () -> {
            TeamManagement.Invitation invitation = team.invite(caller.organizationId(), givenEmail, givenPhone,
                    givenName, roles(givenRoles));
            model.addAttribute("inviteEmail", null);
            model.addAttribute("invitePhone", null);
            model.addAttribute("inviteName", null);
            model.addAttribute("inviteRoles", List.of());
            return invitationLink(givenName != null ? givenName : givenEmail != null ? givenEmail : givenPhone,
                    invitation);
        });
    }

    @PostMapping("/app/team/members/{userId}/roles")
    String changeRoles(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String userId,
                       @RequestParam(name = "roles", required = false) List<String> roles,
                       @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                       HttpServletResponse response) {
        return answer(caller, "roles:" + userId, htmx != null, model, response, null, () -> {
            team.changeRoles(caller.organizationId(), userId, roles(roles == null ? List.of() : roles));
            return null;
        });
    }

    @PostMapping("/app/team/members/{userId}/deactivation")
    String deactivate(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String userId,
                      @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                      HttpServletResponse response) {
        return answer(caller, "member:" + userId, htmx != null, model, response, null, () -> {
            team.deactivate(caller.organizationId(), userId);
            return null;
        });
    }

    @PostMapping("/app/team/members/{userId}/invitation")
    String reinvite(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String userId,
                    @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                    HttpServletResponse response) {
        return answer(caller, "member:" + userId, htmx != null, model, response, null, () -> {
            TeamManagement.Invitation invitation = team.reissueInvitation(caller.organizationId(), userId);
            String whom = team.members(caller.organizationId()).stream().filter(member -> member.id().equals(userId))
                    .map(member -> member.displayName() != null ? member.displayName()
                            : member.email() != null ? member.email() : member.phone())
                    .findFirst().orElse(userId);
            return invitationLink(whom, invitation);
        });
    }

    @PostMapping("/app/team/keys")
    String issueKey(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String name,
                    @RequestParam(name = "scopes", required = false) List<String> scopes,
                    @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                    HttpServletResponse response) {
        String givenName = name == null ? "" : name;
        model.addAttribute("keyName", givenName);
        Refusal tooLong = givenName.length() > 100 ? Refusal.of("key", "too_long") : null;
        return answer(caller, "key", htmx != null, model, response, tooLong, () -> {
            Set<ApiKeyScope> chosen = (scopes == null ? List.<String>of() : scopes).stream().map(ApiKeyScope::parse)
                    .collect(Collectors.toSet());
            TeamManagement.IssuedKey key = team.issueKey(caller.organizationId(), givenName, chosen);
            model.addAttribute("keyName", null);
            return new Secret("key", key.name(), key.key(), null);
        });
    }

    @PostMapping("/app/team/keys/{keyId}/rotation")
    String rotateKey(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String keyId,
                     @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                     HttpServletResponse response) {
        return answer(caller, "apikey:" + keyId, htmx != null, model, response, null, () -> {
            TeamManagement.IssuedKey key = team.rotateKey(caller.organizationId(), keyId);
            return new Secret("key", key.name(), key.key(), null);
        });
    }

    @PostMapping("/app/team/keys/{keyId}/revocation")
    String revokeKey(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String keyId,
                     @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                     HttpServletResponse response) {
        return answer(caller, "apikey:" + keyId, htmx != null, model, response, null, () -> {
            team.revokeKey(caller.organizationId(), keyId);
            return null;
        });
    }

    /**
     * Makes the change and answers with the page: showing the secret it produced (never stored, so never shown
     * again) or the refusal next to the form {@code where} names. A plain form's change with nothing to show is
     * redirected to the page (so a reload does not repeat it); htmx swaps the team part of the answer in.
     */
    private String answer(CrmPrincipal caller, String where, boolean htmx, Model model, HttpServletResponse response,
                          Refusal refusedAlready, Supplier<Secret> change) {
        Refusal refusal = refusedAlready;
        Secret secret = null;
        if (refusal == null) {
            try {
                secret = change.get();
            } catch (ResponseStatusException notFound) {
                throw notFound;
            } catch (RuntimeException failure) {
                refusal = refusal(where, failure).orElseThrow(() -> failure);
            }
        }
        if (refusal != null) {
            model.addAttribute("refusal", refusal);
            if (!htmx) {
                response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            }
        } else if (secret != null) {
            model.addAttribute("secret", secret);
        } else if (!htmx) {
            return "redirect:/app/team";
        }
        return page(caller, model);
    }

    private String page(CrmPrincipal caller, Model model) {
        model.addAttribute("members", members(caller));
        model.addAttribute("roles", ROLES);
        if (caller.may(Permission.TEAM_MANAGE)) {
            model.addAttribute("keys", keys(caller));
            model.addAttribute("scopes", SCOPES);
        }
        return "staff/team";
    }

    private List<MemberView> members(CrmPrincipal caller) {
        return team.members(caller.organizationId()).stream().map(row -> MemberView.of(row, caller.id()))
                .sorted(Comparator.comparing(MemberView::deactivated)
                        .thenComparing(member -> member.name() == null ? "" : member.name(), String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    private List<KeyView> keys(CrmPrincipal caller) {
        return team.keys(caller.organizationId()).stream().map(KeyView::of)
                .sorted(Comparator.comparing(KeyView::revoked).thenComparing(KeyView::createdAt)).toList();
    }

    /** The link the invitee opens: this service's own address and the one-time token. */
    private static Secret invitationLink(String whom, TeamManagement.Invitation invitation) {
        String link = ServletUriComponentsBuilder.fromCurrentContextPath().path("/invitation")
                .queryParam("token", invitation.token()).build().toUriString();
        return new Secret("invitation", whom, link, invitation.expiresAt());
    }

    private static Set<StaffRole> roles(List<String> names) {
        return names.stream().map(StaffRole::parse).collect(Collectors.toSet());
    }

    /** The team's rule the change broke; an e-mail or phone another account holds is a conflict, as in the API. */
    private static Optional<Refusal> refusal(String where, RuntimeException failure) {
        Optional<Refusal> rule = Refusal.of(where, failure);
        if (rule.isPresent()) {
            return rule;
        }
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof DuplicateKeyException || cause instanceof AggregateStreamCreationException) {
                return Optional.of(Refusal.of(where, "conflict"));
            }
        }
        return Optional.empty();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
