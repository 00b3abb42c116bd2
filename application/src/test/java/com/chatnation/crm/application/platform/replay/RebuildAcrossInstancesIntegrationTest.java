package com.chatnation.crm.application.platform.replay;

import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.ServiceJvm;
import com.chatnation.crm.application.support.WebhookClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one database: a rebuild started on the instance that does not hold the group's processor
 * swaps its tables without anyone stopping the other instance's processor by hand (the other instance lets go of it
 * for the swap and takes it up again), while messages keep arriving; every message is in the rebuilt table once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RebuildAcrossInstancesIntegrationTest {

    private static final String GROUP = "crm-messages";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;
    @TempDir
    Path work;

    @Test
    void aRebuildOnTheInstanceWithoutTheProcessorSwapsWhileTheOtherServes() throws Exception {
        ReplayClient here = new ReplayClient(port);
        Conversations org = new Conversations(here.admin, 1_000);
        String prefix = "2547" + ThreadLocalRandom.current().nextInt(10, 99) + "1";
        List<String> said = new ArrayList<>();
        WebhookClient toHere = new WebhookClient(port);
        for (int i = 0; i < 10; i++) {
            said.add(say(toHere, org, prefix, i));
        }
        Path log = Path.of("target", "rebuild-second-instance.log"); // kept for reading after a failure
        Files.deleteIfExists(log);
        try (ServiceJvm second = ServiceJvm.startBeside(environment, work, log)) {
            await("the group's processor is claimed", () -> owner() != null);
            boolean secondHoldsIt = owner().startsWith(second.pid() + "@");
            ReplayClient rebuilder = secondHoldsIt ? here : new ReplayClient(second.port());
            WebhookClient toSecond = new WebhookClient(second.port());

            assertThat(rebuilder.start(GROUP).status()).isEqualTo(202);
            int i = 10;
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while ("running".equals(rebuilder.status(GROUP).body().path("state").asText())) {
                assertThat(Instant.now()).as("the rebuild ends").isBefore(deadline);
                said.add(say(i % 2 == 0 ? toHere : toSecond, org, prefix, i++)); // both instances take messages
                Thread.sleep(50);
            }
            JsonNode finished = rebuilder.status(GROUP).body();
            assertThat(finished.path("state").asText()).as(finished.toString()).isEqualTo("completed");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM processor_pauses", Integer.class))
                    .as("the pause ends with the rebuild").isZero();

            // the instance that let go of the processor took it up again: what it is told now reaches the new table
            said.add(say(toHere, org, prefix, i++));
            said.add(say(toSecond, org, prefix, i++));
            await("the live processor follows into the rebuilt table", () -> said.stream().allMatch(this::onceInMessages));
            assertThat(second.isAlive()).isTrue();
        }
    }

    /** A contact of its own per message, so no conversation waits for another; answers the text. */
    private static String say(WebhookClient webhook, Conversations org, String prefix, int i) {
        String text = "across instances " + i + " " + prefix;
        assertThat(webhook.postSigned(WebhookClient.text(org.phoneNumberId, prefix + String.format("%05d", i),
                "wamid.across." + java.util.UUID.randomUUID(), text)).statusCode()).isEqualTo(200);
        return text;
    }

    private boolean onceInMessages(String text) {
        return jdbc.queryForObject("SELECT count(*) FROM messages WHERE direction = 'inbound' AND text = ?",
                Integer.class, text) == 1;
    }

    private String owner() {
        List<String> owners = jdbc.queryForList("SELECT owner FROM tokenentry WHERE processorname = ? AND owner IS NOT NULL",
                String.class, GROUP);
        return owners.isEmpty() ? null : owners.get(0);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
