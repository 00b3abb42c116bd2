package com.chatnation.crm.application.staff;

import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.domain.staff.ApiKeyScope;
import com.chatnation.crm.domain.staff.ChangeRoles;
import com.chatnation.crm.domain.staff.DeactivateStaff;
import com.chatnation.crm.domain.staff.InviteStaff;
import com.chatnation.crm.domain.staff.IssueApiKey;
import com.chatnation.crm.domain.staff.ReissueInvitation;
import com.chatnation.crm.domain.staff.RevokeApiKey;
import com.chatnation.crm.domain.staff.RotateApiKey;
import com.chatnation.crm.domain.staff.StaffRole;
import com.chatnation.crm.domain.staff.TeamId;
import com.chatnation.crm.projections.staff.StaffDirectory;
import com.chatnation.crm.projections.staff.ApiKeyRow;
import com.chatnation.crm.projections.staff.StaffMemberRow;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An organization's team: inviting members, their roles and deactivation, and machine API keys. Every change is a
 * command to the organization's {@code Team} aggregate, which keeps the rules (one account per e-mail or phone,
 * never without an owner); the plain invitation tokens and keys are returned once and only their hashes are kept.
 */
@Service
public class TeamManagement {

    public record Invitation(String userId, String token, Instant expiresAt) {
    }

    public record IssuedKey(String keyId, String name, Set<ApiKeyScope> scopes, String key) {
    }

    private final CommandGateway commands;
    private final StaffDirectory staff;
    private final Sessions sessions;
    private final TransactionalRetry transaction;
    private final Duration invitationLifetime;
    private final Clock clock = Clock.systemUTC();

    TeamManagement(CommandGateway commands, StaffDirectory staff, Sessions sessions, TransactionalRetry transaction,
         @Value("${crm.security.invitation-lifetime:7d}") Duration invitationLifetime) {
        this.commands = commands;
        this.staff = staff;
        this.sessions = sessions;
        this.transaction = transaction;
        this.invitationLifetime = invitationLifetime;
    }

    /** Sent inside the caller's transaction when there is one (onboarding invites the first owner with it). */
    public Invitation invite(String organizationId, String email, String phone, String displayName, Set<StaffRole> roles) {
        String userId = UUID.randomUUID().toString();
        String token = SecretTokens.invitation();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(invitationLifetime);
        commands.sendAndWait(new InviteStaff(TeamId.forOrganization(organizationId), userId, email, phone, displayName,
                roles, SecretTokens.hash(token), now, expiresAt));
        return new Invitation(userId, token, expiresAt);
    }

    public Invitation reissueInvitation(String organizationId, String userId) {
        requireMember(organizationId, userId);
        String token = SecretTokens.invitation();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(invitationLifetime);
        commands.sendAndWait(new ReissueInvitation(TeamId.forOrganization(organizationId), userId,
                SecretTokens.hash(token), now, expiresAt));
        return new Invitation(userId, token, expiresAt);
    }

    public StaffMemberRow changeRoles(String organizationId, String userId, Set<StaffRole> roles) {
        requireMember(organizationId, userId);
        commands.sendAndWait(new ChangeRoles(TeamId.forOrganization(organizationId), userId, roles));
        return requireMember(organizationId, userId);
    }

    /** The member's sessions end in the same transaction, and their access tokens with them. */
    public void deactivate(String organizationId, String userId) {
        requireMember(organizationId, userId);
        transaction.inTransaction(() -> {
            commands.sendAndWait(new DeactivateStaff(TeamId.forOrganization(organizationId), userId));
            sessions.endAllSessions(userId);
        });
    }

    public List<StaffMemberRow> members(String organizationId) {
        return staff.members(organizationId);
    }

    public IssuedKey issueKey(String organizationId, String name, Set<ApiKeyScope> scopes) {
        String keyId = UUID.randomUUID().toString();
        String key = SecretTokens.apiKey();
        commands.sendAndWait(new IssueApiKey(TeamId.forOrganization(organizationId), keyId, name, scopes,
                SecretTokens.hash(key), clock.instant()));
        return new IssuedKey(keyId, name.strip(), scopes, key);
    }

    /** A new value for the key; the old one stops working at once. */
    public IssuedKey rotateKey(String organizationId, String keyId) {
        ApiKeyRow existing = requireKey(organizationId, keyId);
        String key = SecretTokens.apiKey();
        commands.sendAndWait(new RotateApiKey(TeamId.forOrganization(organizationId), keyId, SecretTokens.hash(key)));
        return new IssuedKey(keyId, existing.name(), existing.scopes(), key);
    }

    public void revokeKey(String organizationId, String keyId) {
        requireKey(organizationId, keyId);
        commands.sendAndWait(new RevokeApiKey(TeamId.forOrganization(organizationId), keyId));
    }

    public List<ApiKeyRow> keys(String organizationId) {
        return staff.apiKeys(organizationId);
    }

    private StaffMemberRow requireMember(String organizationId, String userId) {
        return staff.memberOf(organizationId, userId).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no member " + userId + " in this organization"));
    }

    private ApiKeyRow requireKey(String organizationId, String keyId) {
        return staff.apiKeys(organizationId).stream().filter(key -> key.id().equals(keyId)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no API key " + keyId));
    }
}
