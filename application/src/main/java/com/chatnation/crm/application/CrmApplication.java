package com.chatnation.crm.application;

import com.chatnation.crm.application.platform.replay.ReplayCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication(scanBasePackages = "com.chatnation.crm")
@ConfigurationPropertiesScan("com.chatnation.crm")
public class CrmApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CrmApplication.class);
        if (ReplayCommandLine.requested(args)) {
            // a one-off rebuild (--replay=<group>|all) serves no HTTP and exits when done
            application.setWebApplicationType(WebApplicationType.NONE);
        }
        application.run(args);
    }
}
