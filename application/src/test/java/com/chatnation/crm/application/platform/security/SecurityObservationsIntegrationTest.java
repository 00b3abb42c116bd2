package com.chatnation.crm.application.platform.security;

import com.chatnation.crm.application.support.AdminClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests are measured whole; the security filter chain adds no observation per filter or per decision. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityObservationsIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    @Test
    void requestsAreTimedButNotEachSecurityFilter() {
        AdminClient platform = new AdminClient("http://localhost:" + port);
        assertThat(platform.get("/admin/dead-letters").status()).isEqualTo(200);
        assertThat(new AdminClient("http://localhost:" + port, (String) null).get("/admin/dead-letters").status())
                .isEqualTo(401);

        assertThat(meters.find("http.server.requests").timers()).isNotEmpty();
        assertThat(meters.getMeters()).noneMatch(meter -> meter.getId().getName().startsWith("spring.security"));
    }
}
