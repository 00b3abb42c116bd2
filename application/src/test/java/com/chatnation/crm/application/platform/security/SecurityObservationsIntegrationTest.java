package com.chatnation.crm.application.platform.security;

import com.chatnation.crm.application.support.AdminClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests are measured whole; the security filter chain adds no observation per filter or per decision. A context
 * of its own, started as the service starts: the suite's long-lived shared context has shown the filter chain's
 * observations after many other test classes had used it, which a fresh context never does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "crm.test.context=security-observations")
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
        assertThat(meters.getMeters().stream().map(meter -> meter.getId().getName())
                .filter(name -> name.startsWith("spring.security")).distinct().toList()).isEmpty();
    }
}
