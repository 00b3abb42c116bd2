package com.chatnation.crm.application.staff;

import com.chatnation.crm.application.platform.pages.DashboardPage;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard's login form; Spring Security's form login receives what it posts. */
@DashboardPage
class LoginPage {

    @GetMapping("/login")
    String login() {
        return "staff/login";
    }
}
