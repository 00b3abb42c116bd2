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
        if (!ReplayCommandLine.requested(args)) {
            exitZeroOnTerm();
        }
    }

    /**
     * SIGTERM is how the service is asked to stop (systemd, Kubernetes, docker stop). The JVM's own handling runs
     * the shutdown (graceful web drain, processors, scheduler, then the database) but then exits with 143, which
     * supervisors report as a failure; exiting through {@code System.exit(0)} runs the same shutdown and says it
     * was the requested one. Installed once the service has started: a start-up cut short keeps the JVM's default.
     */
    @SuppressWarnings("sunapi")
    private static void exitZeroOnTerm() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(0));
        } catch (IllegalArgumentException | UnsupportedOperationException notOnThisPlatform) {
            // keep the JVM's default handling
        }
    }
}
