package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.platform.axon.AxonConfiguration;
import com.chatnation.crm.domain.wallet.BillableAction;
import com.chatnation.crm.domain.wallet.TokenDebited;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Revision 1 of TokenDebited, read through the upcaster and Axon's Jackson serializer. */
class TokenDebitedUpcasterTest {

    private static final String REVISION_1 = """
            {"walletId":"wallet-o1","organizationId":"o1","module":"surveys","action":"reply",\
            "referenceId":"r-1","amount":3,"balanceAfter":97}""";

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void revisionOneBecomesRevisionTwoWithABillableAction() {
        IntermediateEventRepresentation upcast = upcast(REVISION_1, "1");
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        TokenDebited event = serializer.deserialize(upcast.getData());
        assertThat(event).isEqualTo(new TokenDebited("wallet-o1", "o1", new BillableAction("surveys", "reply"), "r-1",
                3, 97));
        assertThat(event.module()).isEqualTo("surveys");
        assertThat(event.action()).isEqualTo("reply");
    }

    @Test
    void eventsWithoutARevisionAreReadAsRevisionOne() {
        assertThat(upcast(REVISION_1, null).getType().getRevision()).isEqualTo("2");
    }

    @Test
    void revisionTwoIsLeftAlone() throws Exception {
        String revision2 = new ObjectMapper().writeValueAsString(
                new TokenDebited("wallet-o1", "o1", "events", "reply", "r-2", 1, 5));
        IntermediateEventRepresentation read = upcast(revision2, "2");
        assertThat(read.getType().getRevision()).isEqualTo("2");
        JsonNode json = read.getData(JsonNode.class).getData();
        assertThat(json.path("billable").path("module").asText()).isEqualTo("events");
        assertThat(json.has("module")).as("no leftover top-level field").isFalse();
    }

    @Test
    void theSnapshotSerializerWritesAggregatesFieldByField() {
        var snapshots = AxonConfiguration.snapshotSerializer(new ObjectMapper().findAndRegisterModules());
        Probe probe = new Probe().fill();
        SerializedObject<byte[]> written = snapshots.serialize(probe, byte[].class);
        assertThat(new String(written.getData(), StandardCharsets.UTF_8)).contains("\"hidden\":42");
        Probe read = snapshots.deserialize(written);
        assertThat(read.hidden).isEqualTo(42);
        assertThat(read.names).containsExactly("a", "b");
    }

    static class Probe {
        private int hidden = 0;
        private final List<String> names = new java.util.ArrayList<>();

        Probe() {
        }

        public int visible() {
            return -1;
        }

        private Probe fill() {
            hidden = 42;
            names.add("a");
            names.add("b");
            return this;
        }
    }

    private IntermediateEventRepresentation upcast(String json, String revision) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Wallet", "wallet-o1", 2, "event-1",
                "2024-01-01T00:00:00Z", TokenDebited.class.getName(), revision, json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        Stream<IntermediateEventRepresentation> upcast = new TokenDebitedUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer)));
        return upcast.findFirst().orElseThrow();
    }
}
