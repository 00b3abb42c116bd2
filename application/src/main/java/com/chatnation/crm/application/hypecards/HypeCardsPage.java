package com.chatnation.crm.application.hypecards;

import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.projections.queries.HypeCardQueries;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The organization's HypeCard templates and its most viewed cards, with their views and shares. */
@DashboardPage
class HypeCardsPage {

    /** Cards the page lists: the ones worth a look, not every card ever made. */
    static final int TOP_CARDS = 20;

    private final HypeCardQueries queries;
    private final SharedCards cards;

    HypeCardsPage(HypeCardQueries queries, SharedCards cards) {
        this.queries = queries;
        this.cards = cards;
    }

    @GetMapping("/app/hypecards")
    String list(@AuthenticationPrincipal CrmPrincipal caller, Model model) {
        model.addAttribute("templates", queries.templates(caller.organizationId()));
        model.addAttribute("cards", cards.mostViewed(caller.organizationId(), TOP_CARDS));
        return "hypecards/list";
    }
}
