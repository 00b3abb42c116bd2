package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.platform.privacy.ContactDirectory;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.domain.broadcast.BroadcastRecipientId;
import com.chatnation.crm.domain.broadcast.BroadcastTemplate;
import com.chatnation.crm.domain.broadcast.CreateBroadcast;
import com.chatnation.crm.domain.broadcast.MarkRecipientSent;
import com.chatnation.crm.domain.broadcast.QueueRecipient;
import com.chatnation.crm.domain.broadcast.RecordRecipientStatus;
import com.chatnation.crm.domain.broadcast.StartBroadcast;
import com.chatnation.crm.domain.broadcast.SuppressRecipient;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.conversation.DeliveryStatus;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Broadcast aggregates through the real command bus and event store, read back through the organization's API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BroadcastsApiIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    ContactDirectory directory;

    @Test
    void aBroadcastsFunnelFollowsItsRecipients() throws Exception {
        Conversations org = new Conversations(new AdminClient("http://localhost:" + port), 0);
        String broadcast = "broadcast-" + UUID.randomUUID();
        commands.sendAndWait(new CreateBroadcast(broadcast, org.organizationId, "TechExpo reminder",
                new BroadcastTemplate("event_reminder", "en", "MARKETING"), List.of(), null, null, null));
        commands.sendAndWait(new StartBroadcast(broadcast, 3, 1, "reservation-" + broadcast, 150));
        List<String> phones = List.of("+254711000001", "+254711000002", "+254711000003", "+254711000004");
        for (String phone : phones) {
            String contact = directory.contactIdFor(org.organizationId, PhoneNumber.of(phone));
            String recipient = BroadcastRecipientId.of(broadcast, contact);
            commands.sendAndWait(new QueueRecipient(recipient, broadcast, org.organizationId, contact, phone,
                    List.of("Friday")));
            switch (phones.indexOf(phone)) {
                case 0 -> commands.sendAndWait(new SuppressRecipient(recipient, "opted_out"));
                case 3 -> commands.sendAndWait(new RecordRecipientStatus(recipient, DeliveryStatus.FAILED,
                        Instant.now(), 131026, "Message undeliverable"));
                default -> {
                    commands.sendAndWait(new MarkRecipientSent(recipient, "wamid." + phone, 50, "MARKETING", Instant.now()));
                    commands.sendAndWait(new RecordRecipientStatus(recipient, DeliveryStatus.READ, Instant.now(),
                            null, null));
                }
            }
        }

        JsonNode view = awaitFunnel(org, broadcast, 4);
        assertThat(view.path("broadcast").path("status").asText()).isEqualTo("sending");
        JsonNode funnel = view.path("funnel");
        assertThat(funnel.path("audience").asLong()).isEqualTo(4);
        assertThat(funnel.path("suppressed").asLong()).isEqualTo(1);
        assertThat(funnel.path("sent").asLong()).isEqualTo(2);
        assertThat(funnel.path("delivered").asLong()).isEqualTo(2);
        assertThat(funnel.path("read").asLong()).isEqualTo(2);
        assertThat(funnel.path("failed").asLong()).isEqualTo(1);
        assertThat(funnel.path("suppressedBy").path("opted_out").asLong()).isEqualTo(1);
        assertThat(funnel.path("failedBy").path("131026").asLong()).isEqualTo(1);
        assertThat(funnel.path("tokensCaptured").asLong()).isEqualTo(100);

        assertThat(org.admin.get(org.path("/broadcasts")).body().path("items").get(0).path("id").asText())
                .isEqualTo(broadcast);
        assertThat(org.admin.get(org.path("/broadcasts/no-such-broadcast")).status()).isEqualTo(404);
    }

    private static JsonNode awaitFunnel(Conversations org, String broadcast, long audience) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            AdminClient.Response response = org.admin.get(org.path("/broadcasts/" + broadcast));
            if (response.status() == 200 && response.body().path("funnel").path("audience").asLong() == audience
                    && response.body().path("funnel").path("read").asLong() == 2
                    && response.body().path("funnel").path("failed").asLong() == 1) {
                return response.body();
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("funnel not complete: " + response);
            }
            Thread.sleep(100);
        }
    }
}
