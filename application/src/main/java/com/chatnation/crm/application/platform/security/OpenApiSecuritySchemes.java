package com.chatnation.crm.application.platform.security;

import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.security.SecuritySchemes;
import org.springframework.context.annotation.Configuration;

/** Documents the three credentials in the API description. */
@Configuration(proxyBeanMethods = false)
@SecuritySchemes({
        @SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "A staff access token from POST /api/v1/auth/login, or an organization API key (crm_…)"),
        @SecurityScheme(name = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                paramName = "X-Api-Key", description = "An organization API key"),
        @SecurityScheme(name = "platformKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                paramName = PlatformKey.HEADER, description = "The platform operator's key (/admin/**, metrics)")})
class OpenApiSecuritySchemes {
}
