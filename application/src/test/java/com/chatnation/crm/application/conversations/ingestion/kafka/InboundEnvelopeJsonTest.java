package com.chatnation.crm.application.conversations.ingestion.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatnation.crm.application.conversations.ingestion.InboundEnvelope;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InboundEnvelopeJsonTest {

    @Test
    void embedsAJsonItemVerbatimAndReadsBackTheSameBytes() throws Exception {
        byte[] item = "{ \"id\" : \"wamid.1\",\n \"price\": 1.10, \"emoji\": \"\u2764\", \"list\": [1, {}] }"
                .getBytes(StandardCharsets.UTF_8);
        InboundEnvelope envelope = new InboundEnvelope("e-1", "org-1", "org-1:2547", "message", "wamid.1", item,
                Instant.parse("2026-01-02T03:04:05.678Z"));

        byte[] value = InboundEnvelopeJson.encode(envelope);

        var tree = new ObjectMapper().readTree(value);
        assertThat(tree.get("item").get("id").asText()).as("item embedded as JSON, not as a string")
                .isEqualTo("wamid.1");
        assertThat(tree.get("acceptedAt").asText()).isEqualTo("2026-01-02T03:04:05.678Z");
        InboundEnvelope decoded = InboundEnvelopeJson.decode(value);
        assertThat(decoded.item()).isEqualTo(item);
        assertThat(decoded).usingRecursiveComparison().isEqualTo(envelope);
    }

    @Test
    void carriesItemsThatAreNotAJsonObjectAsBase64AndLeavesNullsOut() {
        InboundEnvelope notJson = new InboundEnvelope("e-2", "org-1", "org-1:2547", "error", null,
                new byte[] {0, (byte) 0xff, '{'}, null);
        byte[] value = InboundEnvelopeJson.encode(notJson);
        assertThat(new String(value, StandardCharsets.UTF_8)).contains("\"itemBase64\"").doesNotContain("dedupeId");
        assertThat(InboundEnvelopeJson.decode(value)).usingRecursiveComparison().isEqualTo(notJson);

        InboundEnvelope noItem = new InboundEnvelope("e-3", "org-1", "org-1:2547", "status", "d", null, null);
        assertThat(InboundEnvelopeJson.decode(InboundEnvelopeJson.encode(noItem)))
                .usingRecursiveComparison().isEqualTo(noItem);
    }

    @Test
    void rejectsValuesThatAreNotEnvelopes() {
        assertThatThrownBy(() -> InboundEnvelopeJson.decode("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InboundEnvelopeJson.MalformedEnvelopeException.class);
        assertThatThrownBy(() -> InboundEnvelopeJson.decode("{\"envelopeId\":\"e\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InboundEnvelopeJson.MalformedEnvelopeException.class);
        assertThatThrownBy(() -> InboundEnvelopeJson.decode("{\"envelopeId\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InboundEnvelopeJson.MalformedEnvelopeException.class);
    }
}
