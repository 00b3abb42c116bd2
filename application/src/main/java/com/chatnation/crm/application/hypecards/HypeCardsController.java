package com.chatnation.crm.application.hypecards;

import com.chatnation.crm.application.hypecards.SharedCards.ViewedCard;
import com.chatnation.crm.application.platform.web.DashboardRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** An organization's drawn cards, most viewed first, with how often they were viewed and shared. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/hypecards")
@Tag(name = "HypeCards")
@SecurityRequirement(name = "bearer")
class HypeCardsController {

    private final SharedCards cards;

    HypeCardsController(SharedCards cards) {
        this.cards = cards;
    }

    record MostViewed(List<ViewedCard> items) {
    }

    @GetMapping
    @Operation(summary = "The most viewed cards (default 20, limit up to 200), with their public links, views and shares",
            description = "Views count each visitor of a card's page once a day (link previews and bots not "
                    + "counted); shares count a visitor's first share of the card each day.")
    MostViewed mostViewed(@PathVariable String orgId, @RequestParam(required = false) String limit) {
        int rows = limit == null || limit.isBlank() ? HypeCardsPage.TOP_CARDS : DashboardRequests.limit(limit);
        return new MostViewed(cards.mostViewed(orgId, rows));
    }
}
