package com.chatnation.crm.application.staff;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import com.chatnation.crm.domain.staff.ApiKeyScope;
import com.chatnation.crm.domain.staff.StaffRole;
import com.chatnation.crm.projections.staff.ApiKeyRow;
import com.chatnation.crm.projections.staff.StaffMemberRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The organization's team and machine keys; owners manage them, admins may see the team. */
@RestController
@SecurityRequirement(name = "bearer")
@RequestMapping("/api/v1/orgs/{orgId}")
@Tag(name = "Team and API keys")
class TeamController {

    private final TeamManagement team;

    public TeamController(TeamManagement team) {
        this.team = team;
    }

    public record InvitationRequest(@Size(max = 254) String email, @Size(max = 32) String phone,
                                    @Size(max = 200) String displayName,
                                    @NotEmpty @Size(max = 8) List<@NotBlank @Size(max = 32) String> roles) {
    }

    public record RolesRequest(@NotEmpty @Size(max = 8) List<@NotBlank @Size(max = 32) String> roles) {
    }

    public record KeyRequest(@NotBlank @Size(max = 100) String name,
                             @NotEmpty @Size(max = 2) List<@NotBlank @Size(max = 16) String> scopes) {
    }

    public record MemberView(String userId, String email, String phone, String displayName, String status,
                             List<String> roles, Instant invitedAt, Instant joinedAt) {
        static MemberView of(StaffMemberRow row) {
            return new MemberView(row.id(), row.email(), row.phone(), row.displayName(), row.status(),
                    row.roles().stream().map(StaffRole::wireName).sorted().toList(), row.invitedAt(), row.joinedAt());
        }
    }

    /** The invitation's one-time token: hand it to the invitee, who sets a password with it. Shown only here. */
    public record InvitationView(String userId, String invitationToken, Instant expiresAt) {
        static InvitationView of(TeamManagement.Invitation invitation) {
            return new InvitationView(invitation.userId(), invitation.token(), invitation.expiresAt());
        }
    }

    public record KeyView(String keyId, String name, List<String> scopes, Instant createdAt, Instant rotatedAt,
                          Instant revokedAt, Instant lastUsedAt) {
        static KeyView of(ApiKeyRow row) {
            return new KeyView(row.id(), row.name(), scopeNames(row.scopes()), row.createdAt(), row.rotatedAt(),
                    row.revokedAt(), row.lastUsedAt());
        }
    }

    /** The key's value is shown only in this answer; afterwards only its hash exists. */
    public record IssuedKeyView(String keyId, String name, List<String> scopes, String key) {
        static IssuedKeyView of(TeamManagement.IssuedKey key) {
            return new IssuedKeyView(key.keyId(), key.name(), scopeNames(key.scopes()), key.key());
        }
    }

    @GetMapping("/users")
    @Operation(summary = "Members and pending invitations, with their roles")
    public List<MemberView> members(@PathVariable String orgId) {
        return team.members(orgId).stream().map(MemberView::of).toList();
    }

    @PostMapping("/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Invite a member by e-mail or phone with roles (owner, admin, editor, agent, viewer, billing, "
            + "gate, exhibitor)")
    public InvitationView invite(@PathVariable String orgId, @Valid @RequestBody InvitationRequest request) {
        return InvitationView.of(team.invite(orgId, blankToNull(request.email()), blankToNull(request.phone()),
                request.displayName(), roles(request.roles())));
    }

    @PostMapping("/users/{userId}/invitation")
    @Operation(summary = "A fresh invitation token for a member who has not joined yet; the old one stops working")
    public InvitationView reissue(@PathVariable String orgId, @PathVariable String userId) {
        return InvitationView.of(team.reissueInvitation(orgId, userId));
    }

    @PutMapping("/users/{userId}/roles")
    @Operation(summary = "Replace a member's roles; the last owner keeps the owner role")
    public MemberView changeRoles(@PathVariable String orgId, @PathVariable String userId,
                                  @Valid @RequestBody RolesRequest request) {
        return MemberView.of(team.changeRoles(orgId, userId, roles(request.roles())));
    }

    @DeleteMapping("/users/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Deactivate a member (or cancel an invitation): their sessions end at once")
    public void deactivate(@PathVariable String orgId, @PathVariable String userId) {
        team.deactivate(orgId, userId);
    }

    @GetMapping("/api-keys")
    @Operation(summary = "The organization's API keys, without their values")
    public List<KeyView> keys(@PathVariable String orgId) {
        return team.keys(orgId).stream().map(KeyView::of).toList();
    }

    @PostMapping("/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue a named API key with scopes read and/or write; its value is shown only in this answer")
    public IssuedKeyView issue(@PathVariable String orgId, @Valid @RequestBody KeyRequest request) {
        return IssuedKeyView.of(team.issueKey(orgId, request.name(), scopeSet(request.scopes())));
    }

    @PostMapping("/api-keys/{keyId}/rotation")
    @Operation(summary = "Give the key a new value, shown only in this answer; the old value stops working at once")
    public IssuedKeyView rotate(@PathVariable String orgId, @PathVariable String keyId) {
        return IssuedKeyView.of(team.rotateKey(orgId, keyId));
    }

    @DeleteMapping("/api-keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke an API key; it stops working at once")
    public void revoke(@PathVariable String orgId, @PathVariable String keyId) {
        team.revokeKey(orgId, keyId);
    }

    private static Set<StaffRole> roles(List<String> names) {
        return names.stream().map(StaffRole::parse).collect(Collectors.toSet());
    }

    private static Set<ApiKeyScope> scopeSet(List<String> names) {
        return names.stream().map(ApiKeyScope::parse).collect(Collectors.toSet());
    }

    private static List<String> scopeNames(Set<ApiKeyScope> scopes) {
        return scopes.stream().map(ApiKeyScope::wireName).collect(Collectors.toCollection(TreeSet::new)).stream().toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
