package com.chatnation.crm.application.staff;

import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.application.platform.security.AccessTokens;
import com.chatnation.crm.domain.staff.AcceptInvitation;
import com.chatnation.crm.domain.staff.ChangePassword;
import com.chatnation.crm.domain.staff.TeamId;
import com.chatnation.crm.projections.staff.StaffDirectory;
import com.chatnation.crm.projections.staff.InvitationRow;
import com.chatnation.crm.projections.staff.StaffMemberRow;
import com.chatnation.crm.projections.audit.AuditMetaData;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Staff logins: password login, refresh-token rotation with reuse detection, logout, accepting an invitation and
 * changing a password. An access token lives {@code crm.security.access-token-lifetime} (15 minutes); a session
 * lives as long as it is refreshed within {@code crm.security.refresh-token-lifetime} (30 days).
 */
@Service
class Sessions {

    /** {@code sessionId} is the refresh-token family: what logging out and the access tokens name. */
    public record Tokens(String accessToken, Instant accessTokenExpiresAt, String refreshToken,
                         Instant refreshTokenExpiresAt, String userId, String organizationId, String sessionId) {
    }

    private final StaffDirectory staff;
    private final PasswordHashes passwords;
    private final RefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final CommandGateway commands;
    private final TransactionalRetry transaction;
    private final Duration refreshLifetime;
    private final Clock clock = Clock.systemUTC();
    /** Compared against when the login names no account, so both answers take as long. */
    private final String decoyHash;

    Sessions(StaffDirectory staff, PasswordHashes passwords, RefreshTokens refreshTokens, AccessTokens accessTokens,
             PasswordEncoder encoder, LoginThrottle throttle, CommandGateway commands, TransactionalRetry transaction,
             @Value("${crm.security.refresh-token-lifetime:30d}") Duration refreshLifetime) {
        this.staff = staff;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.encoder = encoder;
        this.throttle = throttle;
        this.commands = commands;
        this.transaction = transaction;
        this.refreshLifetime = refreshLifetime;
        this.decoyHash = encoder.encode(UUID.randomUUID().toString());
    }

    public Tokens login(String login, String password, String clientAddress) {
        throttle.waitBefore(login, clientAddress).ifPresent(wait -> {
            throw new TooManyAttempts(wait);
        });
        Optional<StaffMemberRow> member = staff.activeByLogin(login);
        Optional<String> hash = member.flatMap(found -> passwords.of(found.id()));
        boolean matches = encoder.matches(password == null ? "" : password, hash.orElse(decoyHash));
        if (!matches || hash.isEmpty()) {
            throttle.failed(login, clientAddress);
            throw new SessionRefused("invalid_credentials", "wrong login or password");
        }
        throttle.succeeded(login);
        return transaction.inTransaction(() -> startSession(member.get(), clientAddress));
    }

    public Tokens refresh(String refreshToken, String clientAddress) {
        Instant now = clock.instant();
        // Reuse detection must commit even though the caller is refused, hence the outcome and the throw after it.
        Object outcome = transaction.inTransaction(() -> {
            RefreshTokens.Token token = refreshTokens.lockByHash(SecretTokens.hash(refreshToken == null ? "" : refreshToken))
                    .orElse(null);
            if (token == null) {
                return new SessionRefused("invalid_refresh_token", "unknown refresh token");
            }
            if (token.revokedAt() != null) {
                return new SessionRefused("invalid_refresh_token", "this session has ended; log in again");
            }
            if (token.usedAt() != null) {
                refreshTokens.revokeFamily(token.familyId(), "reuse", now);
                return new SessionRefused("invalid_refresh_token",
                        "this refresh token was already used: the session is ended for safety; log in again");
            }
            if (!token.expiresAt().isAfter(now)) {
                return new SessionRefused("invalid_refresh_token", "this session has expired; log in again");
            }
            Optional<StaffMemberRow> member = staff.member(token.userId()).filter(Sessions::active);
            if (member.isEmpty()) {
                refreshTokens.revokeFamily(token.familyId(), "member_inactive", now);
                return new SessionRefused("invalid_refresh_token", "this account is no longer active");
            }
            refreshTokens.markUsed(token.tokenHash(), now);
            return issue(member.get(), token.familyId(), now, clientAddress);
        });
        if (outcome instanceof SessionRefused refused) {
            throw refused;
        }
        return (Tokens) outcome;
    }

    /** Ends the session the refresh token belongs to, and the one the caller's access token belongs to. */
    public void logout(String refreshToken, String userId, String sessionId) {
        Instant now = clock.instant();
        transaction.inTransaction(() -> {
            if (refreshToken != null) {
                refreshTokens.lockByHash(SecretTokens.hash(refreshToken))
                        .ifPresent(token -> refreshTokens.revokeFamily(token.familyId(), "logout", now));
            }
            if (sessionId != null) {
                refreshTokens.revokeFamily(sessionId, "logout", now);
            }
        });
    }

    /** Sets the invitee's password and logs them in: one transaction, so a failure leaves the invitation usable. */
    public Tokens acceptInvitation(String invitationToken, String password, String clientAddress) {
        PasswordPolicy.check(password);
        String tokenHash = SecretTokens.hash(invitationToken == null ? "" : invitationToken);
        InvitationRow invitation = staff.invitationByTokenHash(tokenHash)
                .orElseThrow(() -> new SessionRefused("invalid_invitation", "unknown, used or cancelled invitation"));
        if (invitation.acceptedAt() != null) {
            throw new SessionRefused("invalid_invitation", "this invitation was already used: log in instead");
        }
        Instant now = clock.instant();
        if (!invitation.expiresAt().isAfter(now)) {
            throw new SessionRefused("invitation_expired", "this invitation has expired: ask for a new one");
        }
        String encoded = encoder.encode(password);
        return transaction.inTransaction(() -> {
            // nobody is logged in yet: the audit log records the invitee as the one who joined
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new AcceptInvitation(
                    TeamId.forOrganization(invitation.organizationId()), invitation.userId(), tokenHash, now))
                    .andMetaData(Map.of(AuditMetaData.ACTOR_TYPE, AuditMetaData.USER,
                            AuditMetaData.ACTOR_ID, invitation.userId(),
                            AuditMetaData.ACTOR_ADDRESS, clientAddress,
                            AuditMetaData.ORGANIZATION_ID, invitation.organizationId())));
            passwords.set(invitation.userId(), encoded, now);
            StaffMemberRow member = staff.member(invitation.userId()).orElseThrow();
            return startSession(member, clientAddress);
        });
    }

    /** Every session of the member ends, the current one included: the new password is needed to log in again. */
    public void changePassword(String userId, String currentPassword, String newPassword) {
        PasswordPolicy.check(newPassword);
        StaffMemberRow member = staff.member(userId).filter(Sessions::active)
                .orElseThrow(() -> new SessionRefused("invalid_credentials", "this account is no longer active"));
        String hash = passwords.of(userId).orElse(decoyHash);
        if (!encoder.matches(currentPassword == null ? "" : currentPassword, hash)) {
            throw new SessionRefused("invalid_credentials", "the current password is wrong");
        }
        String encoded = encoder.encode(newPassword);
        Instant now = clock.instant();
        transaction.inTransaction(() -> {
            commands.sendAndWait(new ChangePassword(TeamId.forOrganization(member.organizationId()), userId, now));
            passwords.set(userId, encoded, now);
            refreshTokens.revokeAllOf(userId, "password_changed", now);
        });
    }

    /** Ends every session of a member, for a deactivation. */
    void endAllSessions(String userId) {
        refreshTokens.revokeAllOf(userId, "deactivated", clock.instant());
    }

    boolean sessionOpen(String sessionId, String userId) {
        return refreshTokens.sessionOpen(sessionId, userId, clock.instant());
    }

    private Tokens startSession(StaffMemberRow member, String clientAddress) {
        return issue(member, UUID.randomUUID().toString(), clock.instant(), clientAddress);
    }

    private Tokens issue(StaffMemberRow member, String familyId, Instant now, String clientAddress) {
        String refreshToken = SecretTokens.refreshToken();
        Instant refreshExpiresAt = now.plus(refreshLifetime);
        refreshTokens.add(SecretTokens.hash(refreshToken), familyId, member.id(), member.organizationId(), now,
                refreshExpiresAt, clientAddress);
        AccessTokens.Issued access = accessTokens.issue(member.id(), member.organizationId(), familyId);
        return new Tokens(access.value(), access.expiresAt(), refreshToken, refreshExpiresAt, member.id(),
                member.organizationId(), familyId);
    }

    static boolean active(StaffMemberRow member) {
        return "active".equals(member.status());
    }
}
