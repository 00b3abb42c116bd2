package com.chatnation.crm.application.support;

import com.chatnation.crm.domain.wallet.TokensPurchased;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tracking event processor for tests: records the payment reference of every purchase it is handed, so a
 * test can tell whether the tracking machinery delivered every committed event.
 */
@Component
@ProcessingGroup("test-event-probe")
public class EventProbe {

    private static final Set<String> PAYMENTS_SEEN = ConcurrentHashMap.newKeySet();

    @EventHandler
    void on(TokensPurchased event) {
        PAYMENTS_SEEN.add(event.paymentReference());
    }

    public static boolean sawPayment(String reference) {
        return PAYMENTS_SEEN.contains(reference);
    }
}
