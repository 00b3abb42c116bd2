package com.chatnation.crm.domain.organization;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.TokenAmounts;

/** What one billable action of one module costs, in tokens. Zero means the action is free. */
public record TokenPrice(String module, String action, long tokens) {

    public TokenPrice {
        TokenAmounts.requireText(module, "module");
        TokenAmounts.requireText(action, "action");
        if (tokens < 0) {
            throw new DomainRuleViolation("invalid_price", "price of " + module + "/" + action + " cannot be negative");
        }
    }
}
