package com.chatnation.crm.application.platformanalytics;

import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;

/**
 * Registers {@link DashboardPageViews} for the dashboard's pages and {@link DashboardActions} for the dashboard's
 * pages and the organization's API, which staff also call with their access tokens.
 */
@Configuration(proxyBeanMethods = false)
class DashboardTracking implements WebMvcConfigurer {

    private final EventGateway events;

    DashboardTracking(EventGateway events) {
        this.events = events;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new DashboardPageViews(events, Clock.systemUTC())).addPathPatterns("/app", "/app/**");
        registry.addInterceptor(new DashboardActions(events, Clock.systemUTC()))
                .addPathPatterns("/app", "/app/**", "/api/v1/orgs/**");
    }
}
