package com.chatnation.crm.application.staff;

import com.chatnation.crm.application.platform.pages.DashboardPage;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Where an invitation link leads: the invitee chooses a password, and can then log in. The invitation's token
 * travels in the link and in the form, never anywhere else; the password rules and refusals are the API's.
 */
@DashboardPage
class InvitationPage {

    private final Sessions sessions;

    InvitationPage(Sessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/invitation")
    String form(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token == null ? "" : token);
        return "staff/invitation";
    }

    @PostMapping("/invitation")
    String accept(@RequestParam(required = false) String token, @RequestParam(required = false) String password,
                  @RequestParam(required = false) String confirmation, HttpServletRequest request, Model model) {
        model.addAttribute("token", token == null ? "" : token);
        if (password == null || !password.equals(confirmation)) {
            model.addAttribute("error", "invitation.mismatch");
            return "staff/invitation";
        }
        try {
            sessions.acceptInvitation(token, password, request.getRemoteAddr());
        } catch (SessionRefused refused) {
            model.addAttribute("error", "invitation." + refused.code());
            return "staff/invitation";
        } catch (ResponseStatusException weak) {
            model.addAttribute("error", "invitation.weak");
            return "staff/invitation";
        }
        return "redirect:/login?joined";
    }
}
