package com.chatnation.crm.application.platformanalytics;

import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.security.OperatorSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.Optional;

/**
 * The platform operator's sign-in form (the platform key); Spring Security's form login receives what it posts and
 * shows this page again, with 401 or 429, when it refuses the key. The key typed is never written back into the page.
 */
@DashboardPage
class OperatorLoginPage {

    @GetMapping("/operator/login")
    String login(HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<OperatorSignIn.Refusal> refusal = OperatorSignIn.refusal(request);
        refusal.ifPresent(refused -> response.setStatus(OperatorSignIn.status(refused)));
        model.addAttribute("refusal", refusal.map(Enum::name).orElse(null));
        return "platformanalytics/operator-login";
    }
}
