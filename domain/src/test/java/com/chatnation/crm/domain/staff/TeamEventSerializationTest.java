package com.chatnation.crm.domain.staff;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Events are stored as JSON by Axon's Jackson serializer; each must come back equal to what was written. */
class TeamEventSerializationTest {

    private static final String ORG = "org-1";
    private static final String TEAM = TeamId.forOrganization(ORG);
    private static final Instant AT = Instant.parse("2030-03-01T09:00:00Z");

    /** Configured like the service's mapper: ISO instants, nulls left out. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    static List<TeamEvent> events() {
        return List.of(
                new TeamFormed(TEAM, ORG),
                new StaffInvited(TEAM, ORG, "u-1", "jane@acme.test", "+254712345678", "Jane",
                        Set.of(StaffRole.OWNER, StaffRole.BILLING), "t-hash", AT, AT.plusSeconds(3600)),
                new StaffInvited(TEAM, ORG, "u-2", null, "+254712345679", null, Set.of(StaffRole.AGENT), "t-hash-2",
                        AT, AT.plusSeconds(3600)),
                new InvitationReissued(TEAM, ORG, "u-2", "t-hash-3", AT, AT.plusSeconds(7200)),
                new StaffJoined(TEAM, ORG, "u-1", AT),
                new RolesChanged(TEAM, ORG, "u-1", Set.of(StaffRole.ADMIN)),
                new StaffDeactivated(TEAM, ORG, "u-2"),
                new StaffPasswordChanged(TEAM, ORG, "u-1", AT),
                new ApiKeyIssued(TEAM, ORG, "k-1", "Zapier", Set.of(ApiKeyScope.READ, ApiKeyScope.WRITE), "k-hash"),
                new ApiKeyRotated(TEAM, ORG, "k-1", "k-hash-2"),
                new ApiKeyRevoked(TEAM, ORG, "k-1"));
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTripsThroughJackson(TeamEvent event) throws Exception {
        String json = MAPPER.writeValueAsString(event);
        Object back = MAPPER.readValue(json, event.getClass());
        assertThat(back).isEqualTo(event);
        assertThat(event.getClass().getAnnotation(Revision.class).value()).isEqualTo("1");
    }

    @ParameterizedTest
    @MethodSource("events")
    void carriesTeamAndOrganizationButNoPassword(TeamEvent event) throws Exception {
        JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(event));
        assertThat(json.get("teamId").asText()).isEqualTo(TEAM);
        assertThat(json.get("organizationId").asText()).isEqualTo(ORG);
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).noneMatch(name -> name.toLowerCase(Locale.ROOT).contains("password"));
    }
}
