package com.chatnation.crm.application.platform.security;

import com.chatnation.crm.application.support.AdminClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.config.observation.SecurityObservationSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests are measured whole; the security filter chain is told to add no observation per filter, per
 * authentication or per authorization decision. (The suite's one shared context: a context of its own would run a
 * second set of event processors beside the shared one's for the rest of the suite.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityObservationsIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;
    @Autowired
    SecurityObservationSettings observations;

    @Test
    void requestsAreTimedWholeAndTheFilterChainIsNotObserved() {
        AdminClient platform = new AdminClient("http://localhost:" + port);
        assertThat(platform.get("/admin/dead-letters").status()).isEqualTo(200);

        assertThat(meters.find("http.server.requests").timers()).isNotEmpty();
        assertThat(observations.shouldObserveRequests()).isFalse();
        assertThat(observations.shouldObserveAuthentications()).isFalse();
        assertThat(observations.shouldObserveAuthorizations()).isFalse();
    }
}
