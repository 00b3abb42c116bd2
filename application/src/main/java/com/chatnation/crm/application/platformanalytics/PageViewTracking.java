package com.chatnation.crm.application.platformanalytics;

import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;

/** Registers {@link DashboardPageViews} for the dashboard's pages. */
@Configuration(proxyBeanMethods = false)
class PageViewTracking implements WebMvcConfigurer {

    private final EventGateway events;

    PageViewTracking(EventGateway events) {
        this.events = events;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new DashboardPageViews(events, Clock.systemUTC())).addPathPatterns("/app", "/app/**");
    }
}
