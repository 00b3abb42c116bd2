package com.chatnation.crm.application.staff;

import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.projections.staff.StaffDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Staff login sessions: log in, refresh, log out, accept an invitation, change the password. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Staff login")
class AuthController {

    private final Sessions sessions;
    private final StaffDirectory staff;

    public AuthController(Sessions sessions, StaffDirectory staff) {
        this.sessions = sessions;
        this.staff = staff;
    }

    public record Login(@NotBlank @Size(max = 254) String login, @NotBlank @Size(max = 200) String password) {
    }

    public record Refresh(@NotBlank @Size(max = 200) String refreshToken) {
    }

    public record Logout(@Size(max = 200) String refreshToken) {
    }

    public record AcceptInvitation(@NotBlank @Size(max = 200) String token, @NotBlank @Size(max = 200) String password) {
    }

    public record ChangePassword(@NotBlank @Size(max = 200) String currentPassword,
                                 @NotBlank @Size(max = 200) String newPassword) {
    }

    /** The session's tokens; the access token goes in {@code Authorization: Bearer}, the refresh token only here. */
    public record SessionTokens(String tokenType, String accessToken, long expiresIn, Instant accessTokenExpiresAt,
                                String refreshToken, Instant refreshTokenExpiresAt, String userId,
                                String organizationId) {
        static SessionTokens of(Sessions.Tokens tokens) {
            return new SessionTokens("Bearer", tokens.accessToken(),
                    Math.max(0, tokens.accessTokenExpiresAt().getEpochSecond() - Instant.now().getEpochSecond()),
                    tokens.accessTokenExpiresAt(), tokens.refreshToken(), tokens.refreshTokenExpiresAt(),
                    tokens.userId(), tokens.organizationId());
        }
    }

    public record Me(String userId, String organizationId, String email, String phone, String displayName,
                     List<String> roles, List<String> permissions) {
    }

    @PostMapping("/login")
    @Operation(summary = "Log in with e-mail (or phone) and password; repeated failures are slowed down (429)")
    public SessionTokens login(@Valid @RequestBody Login login, HttpServletRequest request) {
        return SessionTokens.of(sessions.login(login.login(), login.password(), request.getRemoteAddr()));
    }

    @PostMapping("/refresh")
    @Operation(summary = "Trade a refresh token for new tokens; each refresh token works once, and using one twice "
            + "ends the session")
    public SessionTokens refresh(@Valid @RequestBody Refresh refresh, HttpServletRequest request) {
        return SessionTokens.of(sessions.refresh(refresh.refreshToken(), request.getRemoteAddr()));
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End the session of the refresh token given (and of the access token sent, if any)")
    public void logout(@Valid @RequestBody(required = false) Logout logout,
                       @AuthenticationPrincipal CrmPrincipal caller) {
        boolean staff = caller != null && caller.kind() == CrmPrincipal.Kind.STAFF;
        sessions.logout(logout == null ? null : logout.refreshToken(), staff ? caller.id() : null,
                staff ? caller.sessionId() : null);
    }

    @PostMapping("/invitations/accept")
    @Operation(summary = "Set a password with an invitation's one-time token; answers with a logged-in session")
    public SessionTokens accept(@Valid @RequestBody AcceptInvitation accept, HttpServletRequest request) {
        return SessionTokens.of(sessions.acceptInvitation(accept.token(), accept.password(), request.getRemoteAddr()));
    }

    @PostMapping("/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change your password; every session ends, this one included")
    public void changePassword(@Valid @RequestBody ChangePassword change, @AuthenticationPrincipal CrmPrincipal caller) {
        sessions.changePassword(caller.id(), change.currentPassword(), change.newPassword());
    }

    @GetMapping("/me")
    @Operation(summary = "The logged-in member, their roles and what they may do")
    public Me me(@AuthenticationPrincipal CrmPrincipal caller) {
        var member = staff.member(caller.id()).orElseThrow();
        return new Me(member.id(), member.organizationId(), member.email(), member.phone(), member.displayName(),
                member.roles().stream().map(role -> role.wireName()).sorted().toList(),
                caller.permissions().stream().map(p -> p.getAuthority()).sorted().toList());
    }
}
