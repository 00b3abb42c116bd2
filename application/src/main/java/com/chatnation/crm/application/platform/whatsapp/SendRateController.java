package com.chatnation.crm.application.platform.whatsapp;

import com.chatnation.crm.application.platform.web.DashboardRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A WhatsApp number's messaging tier: how many messages a second Meta lets it send (80 by default, up to 1,000 once
 * Meta raises it). Set by the platform operator; every instance of the service keeps to it together.
 */
@RestController
@RequestMapping("/admin/whatsapp-numbers/{phoneNumberId}/send-rate")
@Tag(name = "Platform: WhatsApp numbers")
class SendRateController {

    static final double MAX_MESSAGES_PER_SECOND = 1000;

    private final SharedSendRate sendRate;

    SendRateController(SharedSendRate sendRate) {
        this.sendRate = sendRate;
    }

    record Tier(Double messagesPerSecond) {
    }

    @GetMapping
    @Operation(summary = "The number's send rate (its tier, else the service's default)")
    Tier get(@PathVariable String phoneNumberId) {
        return new Tier(sendRate.rateOf(number(phoneNumberId)));
    }

    @PutMapping
    @Operation(summary = "Set the number's tier in messages per second (1 to 1,000), or null for the default")
    Tier set(@PathVariable String phoneNumberId, @RequestBody Tier tier) {
        String number = number(phoneNumberId);
        Double rate = tier == null ? null : tier.messagesPerSecond();
        if (rate != null && !(rate >= 1 && rate <= MAX_MESSAGES_PER_SECOND)) {
            throw DashboardRequests.badRequest("messagesPerSecond: between 1 and 1000, or null for the default");
        }
        sendRate.setTier(number, rate);
        return new Tier(sendRate.rateOf(number));
    }

    private static String number(String raw) {
        if (raw == null || !raw.matches("[0-9]{1,32}")) {
            throw DashboardRequests.badRequest("phoneNumberId: the numeric id Meta assigned");
        }
        return raw;
    }
}
