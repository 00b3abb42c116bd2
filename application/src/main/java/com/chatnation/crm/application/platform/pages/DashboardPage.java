package com.chatnation.crm.application.platform.pages;

import org.springframework.stereotype.Controller;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller of the dashboard's pages: it renders templates in the shared layout, and {@link PageLayout} gives
 * its views the member and the navigation their roles allow.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Controller
public @interface DashboardPage {
}
