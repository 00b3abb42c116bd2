package com.chatnation.crm.application.platform.replay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * {@code java -jar crm.jar --replay=<group>|all}: rebuilds the projection(s) as the admin endpoint would, logs
 * progress, and exits with 0 when the rebuilt tables are live, 1 otherwise. Without {@code --replay} it does nothing.
 */
@Component
public class ReplayCommandLine implements ApplicationRunner {

    public static final String OPTION = "replay";
    private static final Logger log = LoggerFactory.getLogger(ReplayCommandLine.class);

    private final ProjectionRebuilds rebuilds;
    private final ConfigurableApplicationContext context;

    public ReplayCommandLine(ProjectionRebuilds rebuilds, ConfigurableApplicationContext context) {
        this.rebuilds = rebuilds;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        List<String> names = args.getOptionValues(OPTION);
        if (names == null || names.isEmpty()) {
            return;
        }
        int code = execute(names);
        System.exit(SpringApplication.exit(context, () -> code));
    }

    /** Runs the named rebuilds one after the other; the exit code. */
    public int execute(List<String> names) throws InterruptedException {
        for (String name : names) {
            ProjectionRebuild rebuild;
            try {
                rebuild = rebuilds.start(name.strip());
            } catch (RuntimeException e) {
                log.error("Cannot rebuild '{}': {}", name, e.getMessage());
                return 2;
            }
            while (!rebuild.await(Duration.ofSeconds(30))) {
                log.info("Rebuild {}: {}", rebuild.id(), rebuild.status());
            }
            if (rebuild.state() != ProjectionRebuild.State.COMPLETED) {
                log.error("Rebuild {} ended {}: {}", rebuild.id(), rebuild.state(), rebuild.status().error());
                return 1;
            }
        }
        return 0;
    }

    /** True when the arguments ask for a rebuild: the service then starts without its web server. */
    public static boolean requested(String... args) {
        for (String arg : args) {
            if (arg.startsWith("--" + OPTION + "=")) {
                return true;
            }
        }
        return false;
    }
}
