package com.chatnation.crm.domain.staff;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.EmailAddress;
import com.chatnation.crm.domain.common.PhoneNumber;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Everyone who may act for one organization: its staff members and its machine keys. They live in one aggregate
 * so the rules that span members are checked in one place, against one consistent state: an organization always
 * keeps a joined, active owner, and no two current members share an e-mail address or phone number.
 * <p>
 * A member is invited, then active once they accept, and may be deactivated at any point; deactivation is final
 * (inviting the person again makes a new member). Only hashes of random tokens (invitations, API keys) are kept
 * here; passwords are not the team's business beyond the time one was changed.
 */
public class Team {

    public static final String ONBOARDING_KEY_ID = "onboarding";
    public static final String ONBOARDING_KEY_NAME = "Onboarding key";
    public static final int MAX_DISPLAY_NAME_LENGTH = 200;
    public static final int MAX_KEY_NAME_LENGTH = 100;

    private enum Status { INVITED, ACTIVE, DEACTIVATED }

    @AggregateIdentifier
    private String teamId;
    private String organizationId;
    private final Map<String, Member> members = new HashMap<>();
    private final Map<String, ApiKey> apiKeys = new HashMap<>();

    protected Team() {
        // required by the event-sourcing repository
    }

    @CommandHandler
    public Team(FormTeam command) {
        requireText(command.organizationId(), "organization id");
        if (command.onboardingKeyHash() != null) {
            requireText(command.onboardingKeyHash(), "key hash");
        }
        // Applied from the constructor, events reach the handlers only once it returns, so the ids are passed
        // explicitly rather than read from state.
        apply(new TeamFormed(command.teamId(), command.organizationId()));
        if (command.onboardingKeyHash() != null) {
            apply(new ApiKeyIssued(command.teamId(), command.organizationId(), ONBOARDING_KEY_ID, ONBOARDING_KEY_NAME,
                    ApiKeyScope.copyOf(Set.of(ApiKeyScope.READ)), command.onboardingKeyHash()));
        }
    }

    @CommandHandler
    public void handle(InviteStaff command) {
        requireText(command.userId(), "user id");
        boolean hasEmail = command.email() != null && !command.email().isBlank();
        boolean hasPhone = command.phone() != null && !command.phone().isBlank();
        if (!hasEmail && !hasPhone) {
            throw new DomainRuleViolation("missing_contact", "an invitation needs an e-mail address or a phone number");
        }
        String email = hasEmail ? EmailAddress.of(command.email()).value() : null;
        String phone = hasPhone ? PhoneNumber.of(command.phone()).e164() : null;
        String displayName = displayName(command.displayName());
        Set<StaffRole> roles = requireRoles(command.roles());
        if (members.containsKey(command.userId())) {
            throw new DomainRuleViolation("duplicate_user", "user '" + command.userId() + "' is already in the team");
        }
        // A deactivated member's e-mail and phone are free again: the person may be invited anew.
        for (Member member : members.values()) {
            if (member.status == Status.DEACTIVATED) {
                continue;
            }
            boolean sameEmail = email != null && email.equals(member.email);
            if (sameEmail || phone != null && phone.equals(member.phone)) {
                throw new DomainRuleViolation("already_member", "someone with this "
                        + (sameEmail ? "e-mail address" : "phone number") + " is already invited or a member");
            }
        }
        requireText(command.invitationTokenHash(), "invitation token hash");
        requireExpiry(command.invitedAt(), command.expiresAt());
        apply(new StaffInvited(teamId, organizationId, command.userId(), email, phone, displayName, roles,
                command.invitationTokenHash(), command.invitedAt(), command.expiresAt()));
    }

    @CommandHandler
    public void handle(ReissueInvitation command) {
        Member member = member(command.userId());
        if (member.status != Status.INVITED) {
            throw new DomainRuleViolation("not_invited", "user '" + command.userId() + "' has no pending invitation");
        }
        requireText(command.invitationTokenHash(), "invitation token hash");
        requireExpiry(command.invitedAt(), command.expiresAt());
        apply(new InvitationReissued(teamId, organizationId, command.userId(), command.invitationTokenHash(),
                command.invitedAt(), command.expiresAt()));
    }

    @CommandHandler
    public void handle(AcceptInvitation command) {
        Member member = member(command.userId());
        requireNotDeactivated(member, command.userId());
        if (member.status == Status.ACTIVE) {
            throw new DomainRuleViolation("invitation_used", "this invitation has already been accepted");
        }
        // Constant-time comparison: how long a refusal takes says nothing about how much of the hash matched.
        if (command.invitationTokenHash() == null || !MessageDigest.isEqual(
                command.invitationTokenHash().getBytes(StandardCharsets.UTF_8),
                member.invitationTokenHash.getBytes(StandardCharsets.UTF_8))) {
            throw new DomainRuleViolation("invalid_invitation", "this invitation is not valid");
        }
        if (command.acceptedAt() == null || !command.acceptedAt().isBefore(member.invitationExpiresAt)) {
            throw new DomainRuleViolation("invitation_expired", "this invitation has expired");
        }
        apply(new StaffJoined(teamId, organizationId, command.userId(), command.acceptedAt()));
    }

    @CommandHandler
    public void handle(ChangeRoles command) {
        Member member = member(command.userId());
        requireNotDeactivated(member, command.userId());
        Set<StaffRole> roles = requireRoles(command.roles());
        if (roles.equals(member.roles)) {
            return;
        }
        if (!roles.contains(StaffRole.OWNER)) {
            requireNotLastOwner(member);
        }
        apply(new RolesChanged(teamId, organizationId, command.userId(), roles));
    }

    @CommandHandler
    public void handle(DeactivateStaff command) {
        Member member = member(command.userId());
        if (member.status == Status.DEACTIVATED) {
            return;
        }
        requireNotLastOwner(member);
        apply(new StaffDeactivated(teamId, organizationId, command.userId()));
    }

    @CommandHandler
    public void handle(ChangePassword command) {
        Member member = member(command.userId());
        if (member.status != Status.ACTIVE) {
            throw new DomainRuleViolation("not_active", "only an active member can change their password");
        }
        if (command.changedAt() == null) {
            throw new DomainRuleViolation("missing_changed_at", "the time of the change is required");
        }
        apply(new StaffPasswordChanged(teamId, organizationId, command.userId(), command.changedAt()));
    }

    @CommandHandler
    public void handle(IssueApiKey command) {
        requireText(command.keyId(), "key id");
        String name = command.name() == null ? "" : command.name().strip();
        if (name.isEmpty() || name.length() > MAX_KEY_NAME_LENGTH) {
            throw new DomainRuleViolation("invalid_name",
                    "an API key needs a name of 1 to " + MAX_KEY_NAME_LENGTH + " characters");
        }
        Set<ApiKeyScope> scopes = ApiKeyScope.copyOf(command.scopes());
        if (scopes.isEmpty()) {
            throw new DomainRuleViolation("missing_scopes", "an API key needs at least one scope");
        }
        if (apiKeys.containsKey(command.keyId())) {
            throw new DomainRuleViolation("duplicate_api_key", "API key '" + command.keyId() + "' already exists");
        }
        requireText(command.keyHash(), "key hash");
        apply(new ApiKeyIssued(teamId, organizationId, command.keyId(), name, scopes, command.keyHash()));
    }

    @CommandHandler
    public void handle(RotateApiKey command) {
        ApiKey key = apiKey(command.keyId());
        if (key.revoked) {
            throw new DomainRuleViolation("api_key_revoked", "API key '" + command.keyId() + "' has been revoked");
        }
        requireText(command.newKeyHash(), "key hash");
        // A retried rotation brings the hash it already set: nothing changes.
        if (!command.newKeyHash().equals(key.keyHash)) {
            apply(new ApiKeyRotated(teamId, organizationId, command.keyId(), command.newKeyHash()));
        }
    }

    @CommandHandler
    public void handle(RevokeApiKey command) {
        ApiKey key = apiKey(command.keyId());
        if (!key.revoked) {
            apply(new ApiKeyRevoked(teamId, organizationId, command.keyId()));
        }
    }

    public String organizationId() {
        return organizationId;
    }

    /** The member's roles, empty for someone not in the team. */
    public Set<StaffRole> rolesOf(String userId) {
        Member member = members.get(userId);
        return member == null ? Set.of() : member.roles;
    }

    public boolean isActive(String userId) {
        Member member = members.get(userId);
        return member != null && member.status == Status.ACTIVE;
    }

    /** Owners who have joined and are not deactivated: the ones the organization cannot lose the last of. */
    public long activeOwners() {
        return members.values().stream().filter(Member::isActiveOwner).count();
    }

    public boolean isApiKeyUsable(String keyId) {
        ApiKey key = apiKeys.get(keyId);
        return key != null && !key.revoked;
    }

    private Member member(String userId) {
        Member member = userId == null ? null : members.get(userId);
        if (member == null) {
            throw new DomainRuleViolation("unknown_user", "user '" + userId + "' is not in the team");
        }
        return member;
    }

    private ApiKey apiKey(String keyId) {
        ApiKey key = keyId == null ? null : apiKeys.get(keyId);
        if (key == null) {
            throw new DomainRuleViolation("unknown_api_key", "no API key '" + keyId + "'");
        }
        return key;
    }

    private static void requireNotDeactivated(Member member, String userId) {
        if (member.status == Status.DEACTIVATED) {
            throw new DomainRuleViolation("staff_deactivated", "user '" + userId + "' has been deactivated");
        }
    }

    /**
     * Only a joined owner counts: an invitation nobody accepted gives nobody access, so an organization whose
     * last active owner stepped down could end up run by no one.
     */
    private void requireNotLastOwner(Member member) {
        if (member.isActiveOwner() && activeOwners() <= 1) {
            throw new DomainRuleViolation("last_owner", "the organization must keep at least one active owner");
        }
    }

    private static Set<StaffRole> requireRoles(Set<StaffRole> requested) {
        Set<StaffRole> roles = StaffRole.copyOf(requested);
        if (roles.isEmpty()) {
            throw new DomainRuleViolation("missing_roles", "a member needs at least one role");
        }
        return roles;
    }

    private static void requireExpiry(Instant invitedAt, Instant expiresAt) {
        if (invitedAt == null || expiresAt == null || !expiresAt.isAfter(invitedAt)) {
            throw new DomainRuleViolation("invalid_expiry", "an invitation must expire after it is sent");
        }
    }

    private static String displayName(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String name = raw.strip();
        if (name.length() > MAX_DISPLAY_NAME_LENGTH) {
            throw new DomainRuleViolation("invalid_display_name",
                    "a display name has at most " + MAX_DISPLAY_NAME_LENGTH + " characters");
        }
        return name;
    }

    @EventSourcingHandler
    void on(TeamFormed event) {
        teamId = event.teamId();
        organizationId = event.organizationId();
    }

    @EventSourcingHandler
    void on(StaffInvited event) {
        Member member = new Member();
        member.email = event.email();
        member.phone = event.phone();
        member.roles = event.roles();
        member.status = Status.INVITED;
        member.invitationTokenHash = event.invitationTokenHash();
        member.invitationExpiresAt = event.expiresAt();
        members.put(event.userId(), member);
    }

    @EventSourcingHandler
    void on(InvitationReissued event) {
        Member member = members.get(event.userId());
        member.invitationTokenHash = event.invitationTokenHash();
        member.invitationExpiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(StaffJoined event) {
        Member member = members.get(event.userId());
        member.status = Status.ACTIVE;
        member.invitationTokenHash = null;
        member.invitationExpiresAt = null;
    }

    @EventSourcingHandler
    void on(RolesChanged event) {
        members.get(event.userId()).roles = event.roles();
    }

    @EventSourcingHandler
    void on(StaffDeactivated event) {
        Member member = members.get(event.userId());
        member.status = Status.DEACTIVATED;
        member.invitationTokenHash = null;
        member.invitationExpiresAt = null;
    }

    @EventSourcingHandler
    void on(ApiKeyIssued event) {
        ApiKey key = new ApiKey();
        key.keyHash = event.keyHash();
        apiKeys.put(event.keyId(), key);
    }

    @EventSourcingHandler
    void on(ApiKeyRotated event) {
        apiKeys.get(event.keyId()).keyHash = event.newKeyHash();
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        apiKeys.get(event.keyId()).revoked = true;
    }

    /** What the rules need to know of a member; names and times live in the read model. */
    private static final class Member {
        private String email;
        private String phone;
        private Set<StaffRole> roles = Set.of();
        private Status status;
        private String invitationTokenHash;
        private Instant invitationExpiresAt;

        private boolean isActiveOwner() {
            return status == Status.ACTIVE && roles.contains(StaffRole.OWNER);
        }

        // Value equality lets the test fixture check that replaying the events rebuilds the same state.
        @Override
        public boolean equals(Object other) {
            return other instanceof Member that && status == that.status && roles.equals(that.roles)
                    && Objects.equals(email, that.email) && Objects.equals(phone, that.phone)
                    && Objects.equals(invitationTokenHash, that.invitationTokenHash)
                    && Objects.equals(invitationExpiresAt, that.invitationExpiresAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(email, phone, status);
        }
    }

    private static final class ApiKey {
        private String keyHash;
        private boolean revoked;

        @Override
        public boolean equals(Object other) {
            return other instanceof ApiKey that && revoked == that.revoked && Objects.equals(keyHash, that.keyHash);
        }

        @Override
        public int hashCode() {
            return Objects.hash(keyHash, revoked);
        }
    }
}
