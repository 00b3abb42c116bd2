package com.chatnation.crm.application.dashboard;

import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** Documents how dashboard endpoints authenticate: the organization's API key as a bearer token. */
@Configuration(proxyBeanMethods = false)
@SecurityScheme(name = "organizationApiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The organization's API key from onboarding; X-Api-Key works too")
class DashboardOpenApi {
}
