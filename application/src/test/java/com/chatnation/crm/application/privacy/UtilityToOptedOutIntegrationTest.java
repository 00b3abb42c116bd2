package com.chatnation.crm.application.privacy;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The organization's choice whether utility templates still go to contacts who opted out of marketing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UtilityToOptedOutIntegrationTest {

    private static final String SETTING = "/settings/utility-to-opted-out";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    AdminClient platform;

    @BeforeEach
    void client() {
        platform = new AdminClient("http://localhost:" + port);
    }

    private boolean shown(Conversations org) {
        AdminClient.Response response = org.admin.get(org.path(SETTING));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("send").isBoolean()).isTrue();
        return response.body().path("send").booleanValue();
    }

    private long changes(Conversations org) {
        return jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = 'UtilityToOptedOutChanged' "
                + "AND aggregate_id = ?", Long.class, org.organizationId);
    }

    @Test
    void sentByDefaultTurnedOffAndOnAndARepeatRecordsNothing() {
        Conversations org = new Conversations(platform, 0);
        assertThat(shown(org)).isTrue();

        AdminClient.Response off = org.admin.put(org.path(SETTING), Map.of("send", false));
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.body().path("send").booleanValue()).isFalse();
        assertThat(off.body().path("send").isBoolean()).isTrue();
        assertThat(shown(org)).isFalse();

        assertThat(org.admin.put(org.path(SETTING), Map.of("send", false)).status()).isEqualTo(200);
        assertThat(changes(org)).as("saying the same again").isEqualTo(1);

        assertThat(org.admin.put(org.path(SETTING), Map.of("send", true)).status()).isEqualTo(200);
        assertThat(shown(org)).isTrue();
        assertThat(changes(org)).isEqualTo(2);
    }

    @Test
    void onlyAJsonBooleanIsASetting() {
        Conversations org = new Conversations(platform, 0);
        assertThat(org.admin.put(org.path(SETTING), Map.of("send", false)).status()).isEqualTo(200);

        // each of these would otherwise be coerced (to true, mostly): none may change the setting
        for (String body : List.of("{}", "{\"send\":null}", "{\"send\":\"yes\"}", "{\"send\":\"true\"}",
                "{\"send\":1}", "{\"send\":[true]}", "{\"send\":{}}", "{\"other\":true}", "null", "[]", "true",
                "\"true\"", "", "{\"send\":")) {
            AdminClient.Response refused = org.admin.putRaw(org.path(SETTING), body);
            assertThat(refused.status()).as(body).isEqualTo(400);
        }
        assertThat(shown(org)).isFalse();
        assertThat(changes(org)).isEqualTo(1);
    }

    @Test
    void anotherOrganizationsCallerIsRefused() {
        Conversations org = new Conversations(platform, 0);
        Conversations other = new Conversations(platform, 0);

        assertThat(other.admin.get(org.path(SETTING)).status()).isEqualTo(403);
        AdminClient.Response refused = other.admin.put(org.path(SETTING), Map.of("send", false));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("code")).isEqualTo("forbidden");
        assertThat(shown(org)).isTrue();
        assertThat(changes(org)).isZero();
    }

    @Test
    void aSuspendedOrganizationCanReadButNotChangeIt() {
        Conversations org = new Conversations(platform, 0);
        assertThat(platform.post(org.platformPath("/suspension"), Map.of()).status()).isEqualTo(200);

        AdminClient.Response refused = org.admin.put(org.path(SETTING), Map.of("send", false));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("code")).isEqualTo("organization_suspended");
        assertThat(shown(org)).isTrue();
    }
}
